// tingdu-cli anchor: pin a turn's start, or a sentence's inside its turn (or unpin it), and save it
// in the anchor sidecar.
#include <cstdio>
#include <iostream>
#include <optional>

#include "commands.h"
#include "episode_session.h"
#include "load.h"
#include "sync/anchor_file.h"
#include "sync/time_format.h"

namespace tingdu::cli {

void add_anchor(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("anchor", "Pin turn TURN to start at TIME (or --remove the pin), and save it");
  auto o = std::make_shared<SessionOptions>();
  auto turn = std::make_shared<std::size_t>(0);
  auto time = std::make_shared<std::string>();
  auto remove = std::make_shared<bool>(false);
  auto sentence = std::make_shared<std::optional<std::uint32_t>>();
  o->add_to(*cmd);
  cmd->add_option("TURN", *turn, "Turn index (as tingdu-cli timeline numbers them)")->required();
  auto* t = cmd->add_option("TIME", *time, "Seconds, M:SS or H:MM:SS");
  cmd->add_flag("--remove", *remove, "Remove the anchor on TURN")->excludes(t);
  cmd->add_option("--sentence", *sentence, "Pin (or unpin) sentence I of TURN instead (from 0, as timeline --sentences "
                                          "numbers them; 0 is the turn's own start)");
  cmd->callback([=, &exit_code] {
    if (!*remove && time->empty()) {
      std::cerr << "error: give TIME, or --remove\n";
      exit_code = 1;
      return;
    }
    auto s = open_session(*o);
    if (!s) {
      exit_code = 1;
      return;
    }
    if (s->anchor_path.empty()) {
      std::cerr << "error: neither XDG_STATE_HOME nor HOME is set; give --anchors FILE\n";
      exit_code = 1;
      return;
    }
    sync::AnchorResult r;
    if (*remove) {
      r = *sentence ? s->timeline->remove_sentence_anchor(*turn, **sentence) : s->timeline->remove_anchor(*turn);
    } else {
      auto seconds = parse_time_or_report(*time, "TIME");
      if (!seconds) {
        exit_code = 1;
        return;
      }
      r = *sentence ? s->timeline->anchor_sentence(*turn, **sentence, *seconds) : s->timeline->anchor(*turn, *seconds);
    }
    if (!r.ok) {
      std::cerr << "error: " << r.reason << "\n";
      exit_code = 1;
      return;
    }
    std::string error = sync::save_anchors(s->anchor_path, *s->timeline, s->read.episode.turn_count(), o->transcript);
    if (!error.empty()) {
      std::cerr << error << "\n";
      exit_code = 1;
      return;
    }
    std::string what = "turn " + std::to_string(*turn);
    if (*sentence) what = "sentence " + std::to_string(**sentence) + " of " + what;
    std::printf("%s %s; %zu anchor(s) saved in %s\n", *remove ? "unpinned" : "pinned", what.c_str(),
                s->timeline->anchors().size() + s->timeline->sentence_anchors().size(), s->anchor_path.c_str());
    sync::RefitReport fit = s->timeline->learn();
    if (fit.fitted) {
      std::printf("speaking rates re-fitted from the anchors:");
      for (const auto& [speaker, rate] : fit.rates) std::printf(" %s %.2f/s;", speaker.c_str(), rate);
      std::printf(" estimates moved %.2f s on average, %.2f s at most\n", fit.mean_shift, fit.max_shift);
    }
  });
}

}  // namespace tingdu::cli
