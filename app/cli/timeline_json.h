// The JSON shapes tingdu-cli prints for chapters, turns and positions (times in seconds).
#pragma once

#include <nlohmann/json.hpp>

#include "sync/episode.h"
#include "sync/timeline.h"

namespace tingdu::cli {

// {"index","title","start","end"}
nlohmann::ordered_json chapter_json(const sync::Episode& ep, const sync::Timeline& tl, std::size_t chapter);
// {"index","chapter","speaker","start","end","source","uncertainty","text"}
nlohmann::ordered_json turn_json(const sync::Episode& ep, const sync::Timeline& tl, std::size_t turn);
// {"turn","index","start","end","source","uncertainty","text"}: sentence `i` of tl.sentences()
nlohmann::ordered_json sentence_json(const sync::Episode& ep, const sync::Timeline& tl, std::size_t i);
// {"duration","chapters":[...],"turns":[...]}; with `sentences`, each turn also has "sentences".
nlohmann::ordered_json timeline_json(const sync::Episode& ep, const sync::Timeline& tl, bool sentences = false);

}  // namespace tingdu::cli
