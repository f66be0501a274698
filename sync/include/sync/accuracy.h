// Ground truth for an episode's timing (when each chapter and turn really starts, as a
// narration generator knows it) and how well a timeline matches it.
//
// Truth file (JSON): {"chapters": [{"index","title","start"}],
//                     "turns": [{"index","speaker","start","end"}],
//                     "sentences": [{"turn","index","start","end"}]}  (optional)
// seconds as numbers; turn indices are the timeline's, sentence indices count from 0 within
// each turn (sentences.h).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sync/diagnostic.h"
#include "sync/timeline.h"

namespace tingdu::sync {

struct Truth {
  struct Chapter {
    std::size_t index = 0;
    std::string title;
    double start = 0;
  };
  struct Turn {
    std::size_t index = 0;
    std::string speaker;
    double start = 0, end = 0;
  };
  struct Sentence {
    std::size_t turn = 0, index = 0;
    double start = 0, end = 0;
  };
  std::vector<Chapter> chapters;
  std::vector<Turn> turns;
  std::vector<Sentence> sentences;
};

std::string truth_to_json(const Truth& truth);
// Errors (unreadable file, wrong shape) go to `diagnostics` naming the file; nullopt then.
std::optional<Truth> read_truth(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics);

struct AccuracyFigures {
  std::size_t turns = 0;
  double median = 0, p90 = 0, max = 0;           // |estimated start - true start|, seconds
  double within_0_5 = 0, within_1 = 0, within_2 = 0;  // shares of turns, 0..1
};

struct AccuracyReport {
  AccuracyFigures overall;
  std::vector<AccuracyFigures> per_chapter;  // by the chapter that truly holds each turn's start
  // Share of the time someone is speaking (inside a true turn) during which the timeline
  // highlights that very turn, sampled every `step` seconds.
  double highlight_share = 0;
  // The same for sentences, when the truth has them: start errors, and the share of the time
  // inside a true sentence during which the timeline's sentence is that one.
  std::optional<AccuracyFigures> sentences;
  double sentence_highlight_share = 0;
};

// Turns of the truth that the timeline doesn't have (index out of range) are skipped.
AccuracyReport measure_accuracy(const Timeline& timeline, const Truth& truth, double step = 0.05);

}  // namespace tingdu::sync
