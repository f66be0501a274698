#include "timeline_json.h"

#include "sync/time_format.h"

namespace tingdu::cli {

nlohmann::ordered_json chapter_json(const sync::Episode& ep, const sync::Timeline& tl, std::size_t c) {
  const auto& tc = tl.chapters()[c];
  return {{"index", c}, {"title", ep.chapters[c].title}, {"start", sync::round_ms(tc.start)}, {"end", sync::round_ms(tc.end)}};
}

nlohmann::ordered_json turn_json(const sync::Episode& ep, const sync::Timeline& tl, std::size_t k) {
  const sync::TimedTurn& t = tl.turns()[k];
  const sync::Block& b = ep.blocks[t.block];
  nlohmann::ordered_json chapter = t.chapter ? nlohmann::ordered_json(*t.chapter) : nlohmann::ordered_json(nullptr);
  return {{"index", k},
          {"chapter", chapter},
          {"speaker", b.speaker},
          {"start", sync::round_ms(t.start)},
          {"end", sync::round_ms(t.end)},
          {"source", sync::time_source_name(t.source)},
          {"uncertainty", sync::round_ms(t.uncertainty)},
          {"text", b.text}};
}

nlohmann::ordered_json sentence_json(const sync::Episode& ep, const sync::Timeline& tl, std::size_t i) {
  const sync::TimedSentence& s = tl.sentences()[i];
  return {{"turn", s.turn},
          {"index", s.index},
          {"start", sync::round_ms(s.start)},
          {"end", sync::round_ms(s.end)},
          {"source", sync::time_source_name(s.source)},
          {"uncertainty", sync::round_ms(s.uncertainty)},
          {"text", std::string(s.text.of(ep.blocks[tl.turns()[s.turn].block].text))}};
}

nlohmann::ordered_json timeline_json(const sync::Episode& ep, const sync::Timeline& tl, bool sentences) {
  nlohmann::ordered_json chapters = nlohmann::ordered_json::array(), turns = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < tl.chapters().size(); ++c) chapters.push_back(chapter_json(ep, tl, c));
  for (std::size_t k = 0; k < tl.turns().size(); ++k) {
    turns.push_back(turn_json(ep, tl, k));
    if (!sentences) continue;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    auto [from, to] = tl.sentences_of(k);
    for (std::size_t i = from; i < to; ++i) list.push_back(sentence_json(ep, tl, i));
    turns.back()["sentences"] = list;
  }
  return {{"duration", sync::round_ms(tl.duration())}, {"chapters", chapters}, {"turns", turns}};
}

}  // namespace tingdu::cli
