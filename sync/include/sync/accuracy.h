// Ground truth for an episode's timing (when each chapter and turn really starts, as a
// narration generator knows it) and how well a timeline matches it.
//
// Truth file (JSON): {"chapters": [{"index","title","start"}],
//                     "turns": [{"index","speaker","start","end"}],
//                     "sentences": [{"turn","index","start","end"}],  (optional)
//                     "untranscribed": [{"start","end"}]}  (optional: audio no turn covers)
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
  struct Stretch {
    double start = 0, end = 0;
  };
  std::vector<Stretch> untranscribed;
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
  // |the timeline's chapter start - the true one| over the truth's chapters (`turns` counts them):
  // where the chapter list and L send the listener.
  AccuracyFigures chapter_starts;
  // Share of the time someone is speaking (inside a true turn) during which the timeline
  // highlights that very turn, sampled every `step` seconds.
  double highlight_share = 0;
  // The same for sentences, when the truth has them: start errors, and the share of the time
  // inside a true sentence during which the timeline's sentence is that one.
  std::optional<AccuracyFigures> sentences;
  double sentence_highlight_share = 0;
  // Honest confidence: of the turns whose time came from the audio (source aligned), how many
  // start within max(their stated uncertainty, kCalibrationFloor) of the truth, and how many are
  // more than kFarOff seconds off. `coverage` = within / labelled (1 when none is labelled).
  struct Calibration {
    std::size_t labelled = 0, within = 0, far = 0;
    double coverage = 1;
  } calibration;
};

inline constexpr double kCalibrationFloor = 0.25, kFarOff = 5.0;

// How well found untranscribed stretches match the truth's: per true stretch, the found one that
// overlaps it most (missed when none does) and how far its start and end are; found stretches
// longer than kFalseStretch that overlap no true one are false.
struct UntranscribedFigures {
  std::size_t truth = 0, found = 0, missed = 0, false_over_5s = 0;
  double start_error_max = 0, end_error_max = 0;  // seconds, over the matched ones
};
inline constexpr double kFalseStretch = 5.0;
UntranscribedFigures measure_untranscribed(const std::vector<Truth::Stretch>& truth, const std::vector<Truth::Stretch>& found);

// Turns of the truth that the timeline doesn't have (index out of range) are skipped.
AccuracyReport measure_accuracy(const Timeline& timeline, const Truth& truth, double step = 0.05);

}  // namespace tingdu::sync
