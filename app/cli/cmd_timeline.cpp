// tingdu-cli timeline: every chapter and turn with its times; tingdu-cli at: what plays at a time.
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "episode_session.h"
#include "load.h"
#include "sync/excerpt.h"
#include "sync/time_format.h"
#include "timeline_json.h"

namespace tingdu::cli {
namespace {

void print_notes(const sync::Timeline& tl) {
  for (const auto& n : tl.notes()) std::cerr << "note: " << n << "\n";
}

void print_text(const sync::Episode& ep, const sync::Timeline& tl, bool sentences) {
  std::printf("duration %s%s\n", sync::format_clock(tl.duration()).c_str(), tl.duration_estimated() ? " (estimated)" : "");
  std::optional<std::size_t> chapter;
  for (std::size_t k = 0; k < tl.turns().size(); ++k) {
    const auto& t = tl.turns()[k];
    if (t.chapter && t.chapter != chapter) {
      chapter = t.chapter;
      const auto& c = tl.chapters()[*chapter];
      std::printf("\n== %s - %s  %s\n", sync::format_clock_nearest(c.start).c_str(), sync::format_clock_nearest(c.end).c_str(),
                  ep.chapters[*chapter].title.c_str());
    }
    const auto& b = ep.blocks[t.block];
    std::printf("%5zu  %8s  %-9s ±%5.1fs  %s: %s\n", k, sync::format_clock_nearest(t.start).c_str(),
                std::string(sync::time_source_name(t.source)).c_str(), t.uncertainty, b.speaker.c_str(),
                sync::excerpt(b.text, 30).c_str());
    if (!sentences) continue;
    auto [from, to] = tl.sentences_of(k);
    for (std::size_t i = from; i < to; ++i) {
      const auto& s = tl.sentences()[i];
      std::printf("%8s.%-3u %8s  %-9s ±%5.1fs    %s\n", "", s.index, sync::format_clock_nearest(s.start).c_str(),
                  std::string(sync::time_source_name(s.source)).c_str(), s.uncertainty,
                  sync::excerpt(s.text.of(b.text), 40).c_str());
    }
  }
}

}  // namespace

void add_timeline(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("timeline", "Print every chapter and turn with start, end and where the time came from");
  auto o = std::make_shared<SessionOptions>();
  auto format = std::make_shared<std::string>("text");
  auto sentences = std::make_shared<bool>(false);
  o->add_to(*cmd);
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--sentences", *sentences, "Also print each turn's sentences (numbered from 0 within the turn)");
  cmd->callback([o, format, sentences, &exit_code] {
    auto s = open_session(*o);
    if (!s) {
      exit_code = 1;
      return;
    }
    print_notes(*s->timeline);
    if (*format == "json") std::cout << timeline_json(s->read.episode, *s->timeline, *sentences).dump(2) << "\n";
    else print_text(s->read.episode, *s->timeline, *sentences);
  });
}

void add_at(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("at", "Print what is playing at TIME, as JSON");
  auto o = std::make_shared<SessionOptions>();
  auto time = std::make_shared<std::string>();
  auto sentences = std::make_shared<bool>(false);
  o->add_to(*cmd);
  cmd->add_option("TIME", *time, "Seconds, M:SS or H:MM:SS")->required();
  cmd->add_flag("--sentences", *sentences, "Also print the sentence being spoken");
  cmd->callback([o, time, sentences, &exit_code] {
    auto t = parse_time_or_report(*time, "TIME");
    auto s = t ? open_session(*o) : nullptr;
    if (!s) {
      exit_code = 1;
      return;
    }
    const auto& ep = s->read.episode;
    sync::TimelinePosition p = s->timeline->at(*t);
    if (*t >= s->timeline->duration())
      std::cerr << "note: " << sync::format_clock(*t) << " is at or past the end (" << sync::format_clock(s->timeline->duration())
                << (s->timeline->duration_estimated() ? ", estimated from the text" : "") << "): nothing plays there\n";
    else if (!p.turn)
      std::cerr << "note: no turn has started yet at " << sync::format_clock(*t) << "\n";
    nlohmann::ordered_json out = {
        {"time", *t},
        {"chapter", p.chapter ? chapter_json(ep, *s->timeline, *p.chapter) : nlohmann::ordered_json(nullptr)},
        {"turn", p.turn ? turn_json(ep, *s->timeline, *p.turn) : nlohmann::ordered_json(nullptr)},
        {"progress", sync::round_ms(p.progress)}};
    if (*sentences)
      out["sentence"] = p.sentence ? sentence_json(ep, *s->timeline, *p.sentence) : nlohmann::ordered_json(nullptr);
    std::cout << out.dump(2) << "\n";
  });
}

}  // namespace tingdu::cli
