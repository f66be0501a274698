// tingdu-cli search: the turns and chapters that mention QUERY, with their times, as the
// window's search panel finds them (exact matches first, then pinyin).
#include <cstdio>
#include <iostream>
#include <limits>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "episode_session.h"
#include "sync/search.h"
#include "sync/time_format.h"

namespace tingdu::cli {
namespace {

const char* where_name(sync::SearchHit::Where w) {
  switch (w) {
    case sync::SearchHit::Where::turn: return "turn";
    case sync::SearchHit::Where::chapter_title: return "chapter_title";
    case sync::SearchHit::Where::chapter_summary: return "chapter_summary";
  }
  return "";
}

// One line per hit: the excerpt's line breaks become spaces.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

void add_search(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("search", "Print the turns and chapters that mention QUERY, with their times");
  cmd->footer(
      "Case, accents and width do not matter; Latin letters also find Han text by its pinyin\n"
      "(\"tesila\" finds 特斯拉). Exact matches come first. Exit status: 0 when something matched,\n"
      "1 when nothing did (as grep), 1 on errors too (with a message on stderr).");
  auto o = std::make_shared<SessionOptions>();
  auto query = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  o->add_to(*cmd);
  cmd->add_option("QUERY", *query, "Text to find")->required();
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([o, query, format, &exit_code] {
    auto s = open_session(*o);
    if (!s) {
      exit_code = 1;
      return;
    }
    const auto& ep = s->read.episode;
    const auto& tl = *s->timeline;
    auto hits = sync::EpisodeSearch(ep).find(*query, std::numeric_limits<std::size_t>::max());
    exit_code = hits.empty() ? 1 : 0;
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& h : hits) {
      bool turn = h.where == sync::SearchHit::Where::turn;
      double time = sync::start_of(h, tl);
      const char* match = h.match == sync::SearchHit::Match::pinyin ? "pinyin" : "exact";
      std::string speaker = turn ? ep.blocks[tl.turns()[h.index].block].speaker : "";
      if (*format == "json") {
        out.push_back({{"where", where_name(h.where)},
                       {"index", h.index},
                       {"time", sync::round_ms(time)},
                       {"speaker", turn ? nlohmann::ordered_json(speaker) : nlohmann::ordered_json(nullptr)},
                       {"excerpt", h.excerpt},
                       {"match", match}});
        continue;
      }
      std::string who = turn ? "turn " + std::to_string(h.index) + "  " + speaker
                             : std::string(h.where == sync::SearchHit::Where::chapter_title ? "title of chapter " : "summary of chapter ") +
                                   std::to_string(h.index);
      std::printf("%8s  %s%s: %s\n", sync::format_clock_nearest(time).c_str(), who.c_str(),
                  h.match == sync::SearchHit::Match::pinyin ? " (pinyin)" : "", one_line(h.excerpt).c_str());
    }
    if (*format == "json") std::cout << out.dump(2) << "\n";
    if (hits.empty()) std::cerr << "no matches for \"" << *query << "\"\n";
  });
}

}  // namespace tingdu::cli
