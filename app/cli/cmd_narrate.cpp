// tingdu-cli narrate TRANSCRIPT -o AUDIO --truth TRUTH.json: a spoken narration with true times;
// tingdu-cli accuracy TRUTH.json TRANSCRIPT --audio AUDIO: how well the timeline matches them.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "episode_session.h"
#include "narration.h"
#include "sync/accuracy.h"
#include "sync/atomic_file.h"
#include "sync/excerpt.h"
#include "sync/time_format.h"

namespace tingdu::cli {

void add_narrate(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("narrate", "Speak a transcript with espeak-ng into an audio file, and write the "
                                            "true time of every chapter and turn");
  struct Args {
    std::string transcript, audio, truth;
    narrate::NarrationOptions options;
    double duration = 0;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("TRANSCRIPT", a->transcript, "Transcript to narrate")->required();
  cmd->add_option("-o,--output", a->audio, "Audio file to write (.opus, .mp3, .m4a, .flac, .wav)")->required();
  cmd->add_option("--truth", a->truth, "JSON file for the true times")->required();
  cmd->add_option("--seed", a->options.seed, "Random seed (the same seed gives the same narration)");
  cmd->add_option("--duration", a->duration, "Length of the audio in seconds (default: estimated from the text)");
  cmd->add_option("--speaker-gap", a->options.speaker_gap, "How much faster the second speaker is (0.22: 22%)");
  cmd->add_option("--variation", a->options.turn_variation, "Per-turn rate variation (0.15: +-15%)");
  cmd->add_option("--asides", a->options.asides, "Number of untranscribed asides (5-30 s each)");
  cmd->add_option("--pause-min", a->options.pause_min, "Shortest pause between turns, seconds");
  cmd->add_option("--pause-max", a->options.pause_max, "Longest pause between turns, seconds");
  cmd->callback([a, &exit_code] {
    sync::ReadResult r = sync::read_transcript_file(a->transcript);
    for (const auto& d : r.diagnostics)
      if (d.severity == sync::Severity::error) std::cerr << sync::to_string(d) << "\n";
    if (!r.ok()) {
      exit_code = 1;
      return;
    }
    if (a->duration > 0) a->options.duration = a->duration;
    // Progress on a terminal (a narration of hours takes minutes); nothing when redirected.
    if (isatty(STDERR_FILENO))
      a->options.progress = [last = -1](double done, double total) mutable {
        int percent = total > 0 ? int(100 * done / total) : 0;
        if (percent == last) return;
        last = percent;
        std::fprintf(stderr, "\rnarrating: %s of %s (%d%%)", sync::format_clock(done).c_str(), sync::format_clock(total).c_str(), percent);
      };
    auto t0 = std::chrono::steady_clock::now();
    std::string error;
    auto result = narrate::narrate(r.episode, a->audio, a->options, error);
    if (a->options.progress) std::fprintf(stderr, "\n");
    if (!result) {
      std::cerr << error << "\n";
      exit_code = 1;
      return;
    }
    for (const auto& n : result->notes) std::cerr << "note: " << n << "\n";
    if (std::string e = sync::write_file_atomically(a->truth, sync::truth_to_json(result->truth)); !e.empty()) {
      std::cerr << e << "\n";
      exit_code = 1;
      return;
    }
    double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("wrote %s (%s, %zu turns) and %s in %.1f s\n", a->audio.c_str(), sync::format_clock(result->duration).c_str(),
                result->truth.turns.size(), a->truth.c_str(), took);
  });
}

namespace {

// Labels are padded by display width, so Chinese chapter titles line up with the rest.
void print_figures(const std::string& label, const sync::AccuracyFigures& f, const char* what = "turns") {
  std::printf("%s %5zu %s  median %6.2f s  p90 %6.2f s  max %7.2f s  within 0.5/1/2 s: %5.1f%% %5.1f%% %5.1f%%\n",
              sync::pad_to_width(label, 28).c_str(), f.turns, what, f.median, f.p90, f.max, 100 * f.within_0_5, 100 * f.within_1, 100 * f.within_2);
}

}  // namespace

void add_accuracy(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("accuracy", "Compare the timeline's turn starts with a truth file from narrate");
  struct Args {
    std::string truth, format = "text";
    SessionOptions session;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("TRUTH", a->truth, "Truth file (JSON, from tingdu-cli narrate)")->required();
  a->session.add_to(*cmd);
  cmd->add_option("--format", a->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([a, &exit_code] {
    std::vector<sync::Diagnostic> diagnostics;
    auto truth = sync::read_truth(a->truth, diagnostics);
    for (const auto& d : diagnostics) std::cerr << sync::to_string(d) << "\n";
    if (!truth) {
      exit_code = 1;
      return;
    }
    // The baseline measures the estimate alone: no anchors unless --anchors names a file.
    SessionOptions options = a->session;
    if (options.anchors.empty()) options.anchors = "/dev/null/no-anchors";
    auto s = open_session(options);
    if (!s) {
      exit_code = 1;
      return;
    }
    auto report = sync::measure_accuracy(*s->timeline, *truth);
    if (a->format == "json") {
      nlohmann::ordered_json out = {{"median", report.overall.median},         {"p90", report.overall.p90},
                                    {"max", report.overall.max},               {"within_0_5", report.overall.within_0_5},
                                    {"within_1", report.overall.within_1},     {"within_2", report.overall.within_2},
                                    {"highlight_share", report.highlight_share}};
      const auto& cal = report.calibration;
      out["coverage"] = cal.coverage;
      out["chapters"] = {{"median", report.chapter_starts.median}, {"max", report.chapter_starts.max}};
      out["calibration"] = {{"labelled_aligned", cal.labelled}, {"within_stated", cal.within}, {"over_5s_off", cal.far}};
      if (s->alignment) {
        std::vector<sync::Truth::Stretch> found;
        for (const auto& u : s->alignment->untranscribed) found.push_back({u.start, u.end});
        auto u = sync::measure_untranscribed(truth->untranscribed, found);
        out["untranscribed"] = {{"truth", u.truth},
                                {"found", u.found},
                                {"missed", u.missed},
                                {"false_over_5s", u.false_over_5s},
                                {"start_error_max", u.start_error_max},
                                {"end_error_max", u.end_error_max}};
      }
      if (report.sentences)
        out["sentences"] = {{"median", report.sentences->median},
                            {"p90", report.sentences->p90},
                            {"within_0_5", report.sentences->within_0_5},
                            {"highlight_share", report.sentence_highlight_share}};
      std::cout << out.dump(2) << "\n";
      return;
    }
    const auto& ep = s->read.episode;
    for (std::size_t c = 0; c < report.per_chapter.size(); ++c) {
      std::string label = sync::format_clock(ep.chapters[c].start) + " " + ep.chapters[c].title;
      print_figures(label, report.per_chapter[c]);
    }
    print_figures("overall", report.overall);
    print_figures("chapter starts", report.chapter_starts, "chapters");
    std::printf("highlight on the turn being spoken: %.1f%% of speaking time\n", 100 * report.highlight_share);
    const auto& cal = report.calibration;
    std::printf("coverage: %zu of %zu turns labelled aligned start within their stated uncertainty (or %.2f s): %.1f%%; %zu more than %.0f s off\n",
                cal.within, cal.labelled, sync::kCalibrationFloor, 100 * cal.coverage, cal.far, sync::kFarOff);
    if (report.sentences) {
      print_figures("sentences", *report.sentences, "sentences");
      std::printf("highlight on the sentence being spoken: %.1f%% of speaking time\n", 100 * report.sentence_highlight_share);
    }
  });
}

}  // namespace tingdu::cli
