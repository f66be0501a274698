// An episode's alignment to its audio, end to end: the audio analysed (media/), the turns
// aligned (sync/), and both kept between runs. Used by the window (in the background) and by
// tingdu-cli.
//
// Threads: one object is used from one thread at a time (the window hands it to a worker and
// takes it back when done).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/analysis.h"
#include "sync/alignment.h"
#include "sync/episode.h"

namespace tingdu::app {

class EpisodeAlignment {
 public:
  // `episode` must outlive this object.
  EpisodeAlignment(const sync::Episode& episode, std::string_view transcript_bytes, std::string audio_path);
  ~EpisodeAlignment();

  // Aligns every turn: takes the alignment kept from an earlier run with these anchors when
  // there is one, else analyses the audio (or loads the analysis kept) and aligns, and keeps
  // both (alignment_cache.h). `progress(share, what)`: share 0..1 of the whole job; return false
  // to stop. Returns the result (its notes include any cache trouble), or nullopt when stopped
  // or when the audio can't be read (`error()` says why).
  std::optional<sync::AlignmentResult> run(const std::map<std::size_t, double>& anchors,
                                           const std::function<bool(double, const char*)>& progress = {},
                                           const std::atomic<bool>* cancel = nullptr);
  // After the anchors changed (turns `changed`): places again only the spans around them (when
  // this object aligned before; else aligns everything, telling `progress` as run() does).
  std::optional<sync::AlignmentResult> realign(const std::map<std::size_t, double>& anchors, const std::vector<std::size_t>& changed,
                                               const std::function<bool(double, const char*)>& progress = {},
                                               const std::atomic<bool>* cancel = nullptr);

  // The alignment kept from an earlier run (or another process) with exactly these anchors, with
  // any cache trouble added to `troubles` and to its notes; nullopt when there is none.
  std::optional<sync::AlignmentResult> kept(const std::map<std::size_t, double>& anchors, std::vector<std::string>& troubles);

  const std::string& error() const { return error_; }
  const std::optional<sync::AlignmentResult>& last() const { return last_; }

 private:
  const sync::Episode& episode_;
  std::string transcript_key_, audio_path_, audio_key_;
  std::optional<media::AudioFeatures> features_;
  std::unique_ptr<sync::Aligner> aligner_;
  std::optional<sync::AlignmentResult> last_;
  std::string error_;
};

// The frames of an analysis, as sync/ reads them.
sync::FrameView frame_view(const media::AudioFeatures& features);

}  // namespace tingdu::app
