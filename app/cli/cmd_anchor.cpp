// tingdu-cli anchor: pin a turn's start (or unpin it) and save it in the anchor sidecar.
#include <cstdio>
#include <iostream>

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
  o->add_to(*cmd);
  cmd->add_option("TURN", *turn, "Turn index (as tingdu-cli timeline numbers them)")->required();
  auto* t = cmd->add_option("TIME", *time, "Seconds, M:SS or H:MM:SS");
  cmd->add_flag("--remove", *remove, "Remove the anchor on TURN")->excludes(t);
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
      r = s->timeline->remove_anchor(*turn);
    } else {
      auto seconds = parse_time_or_report(*time, "TIME");
      if (!seconds) {
        exit_code = 1;
        return;
      }
      r = s->timeline->anchor(*turn, *seconds);
    }
    if (!r.ok) {
      std::cerr << "error: " << r.reason << "\n";
      exit_code = 1;
      return;
    }
    std::string error = sync::save_anchors(s->anchor_path, s->timeline->anchors(), s->read.episode.turn_count(), o->transcript);
    if (!error.empty()) {
      std::cerr << error << "\n";
      exit_code = 1;
      return;
    }
    std::printf("%s turn %zu; %zu anchor(s) saved in %s\n", *remove ? "unpinned" : "pinned", *turn,
                s->timeline->anchors().size(), s->anchor_path.c_str());
    sync::RefitReport fit = s->timeline->learn();
    if (fit.fitted) {
      std::printf("speaking rates re-fitted from the anchors:");
      for (const auto& [speaker, rate] : fit.rates) std::printf(" %s %.2f/s;", speaker.c_str(), rate);
      std::printf(" estimates moved %.2f s on average, %.2f s at most\n", fit.mean_shift, fit.max_shift);
    }
  });
}

}  // namespace tingdu::cli
