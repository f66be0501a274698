// The listener's anchors, kept per transcript in a small JSON sidecar:
//   $XDG_STATE_HOME/tingdu/anchors/<key>.json  (XDG_STATE_HOME defaults to ~/.local/state)
// where <key> is a hash of the transcript's bytes, so an edited transcript starts fresh.
// Format (version 1):
//   {"version": 1, "transcript": "<name as opened>", "turns": <turn count>,
//    "anchors": [{"turn": <index>, "time": <seconds>}, ...],
//    "sentence_anchors": [{"turn": <index>, "sentence": <index in the turn>, "time": <seconds>}, ...]}
// "sentence_anchors" is optional (a Tingdu that predates sentences neither writes nor reads it).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sync/timeline.h"

namespace tingdu::sync {

inline constexpr int kAnchorFileVersion = 1;

// 16 hex digits (64-bit FNV-1a of the bytes).
std::string transcript_key(std::string_view transcript_bytes);

// The sidecar for a transcript with these bytes; "" when neither XDG_STATE_HOME nor HOME is set.
std::filesystem::path default_anchor_path(std::string_view transcript_bytes);

struct AnchorLoad {
  std::map<std::size_t, double> anchors;
  SentenceAnchors sentence_anchors;
  // What went wrong, each naming the file: a corrupt or newer-version file is moved aside to
  // "<path>.corrupt-<UTC time>" / "<path>.v<N>-<UTC time>" (never overwritten, never deleted) and
  // loading starts with no anchors; entries out of range are skipped.
  std::vector<std::string> problems;
};

// A missing file is no problem: no anchors yet.
AnchorLoad load_anchors(const std::filesystem::path& path, std::size_t turn_count);

// Writes atomically (temporary file in the same folder, fsync, rename). Returns "" on success,
// else the error naming the path.
std::string save_anchors(const std::filesystem::path& path, const std::map<std::size_t, double>& anchors,
                         std::size_t turn_count, const std::string& transcript_name, const SentenceAnchors& sentences = {});
// Saves the timeline's turn and sentence anchors.
std::string save_anchors(const std::filesystem::path& path, const Timeline& timeline, std::size_t turn_count,
                         const std::string& transcript_name);

// Puts loaded anchors into effect: replaces the timeline's anchors, learns the speech rates from
// them (a function of the anchors, so the same fit every time they load), then the sentence
// anchors. Returns why any was refused.
std::vector<std::string> apply_anchors(const AnchorLoad& load, Timeline& timeline);

}  // namespace tingdu::sync
