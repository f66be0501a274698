#include "episode_state.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

#include "sync/atomic_file.h"
#include "sync/state_dir.h"

namespace tingdu::ui {
namespace {

nlohmann::json read_json(const std::filesystem::path& path, std::string* problem) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nlohmann::json();
  auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() && problem) *problem = path.string() + ": not valid JSON; using defaults";
  return doc.is_discarded() ? nlohmann::json() : doc;
}

template <class T>
void take(const nlohmann::json& doc, const char* key, T& field) {
  if (!doc.is_object() || !doc.contains(key)) return;
  try {
    field = doc[key].get<T>();
  } catch (const nlohmann::json::exception&) {
    // A wrong type keeps the default: state is a convenience, never a reason to fail.
  }
}

}  // namespace

EpisodeState load_episode_state(const std::string& key, std::string* problem) {
  EpisodeState s;
  if (state_dir().empty()) return s;
  auto doc = read_json(state_dir() / "episodes" / (key + ".json"), problem);
  take(doc, "position", s.position);
  take(doc, "speed", s.speed);
  take(doc, "volume", s.volume);
  take(doc, "follow", s.follow);
  take(doc, "loop_times", s.loop_times);
  take(doc, "window_width", s.window_width);
  take(doc, "window_height", s.window_height);
  take(doc, "font_size", s.font_size);
  take(doc, "audio", s.audio);
  take(doc, "shadowing", s.practice.shadowing);
  take(doc, "shadow_factor", s.practice.shadow_factor);
  take(doc, "repeat", s.practice.repeat);
  take(doc, "listen_first", s.practice.listen_first);
  take(doc, "skip_untranscribed", s.skip_untranscribed);
  take(doc, "real_audio_offered", s.real_audio_offered);
  if (doc.is_object() && doc.contains("loop") && doc["loop"].is_array() && doc["loop"].size() == 2 &&
      doc["loop"][0].is_number() && doc["loop"][1].is_number())
    s.loop = std::pair{doc["loop"][0].get<double>(), doc["loop"][1].get<double>()};
  return s;
}

std::string save_episode_state(const std::string& key, const EpisodeState& s) {
  if (state_dir().empty()) return "neither XDG_STATE_HOME nor HOME is set; state not saved";
  nlohmann::ordered_json doc = {{"version", 1},          {"position", s.position},         {"speed", s.speed},
                                {"volume", s.volume},    {"follow", s.follow},             {"loop_times", s.loop_times},
                                {"window_width", s.window_width}, {"window_height", s.window_height},
                                {"font_size", s.font_size},       {"audio", s.audio},
                                {"shadowing", s.practice.shadowing}, {"shadow_factor", s.practice.shadow_factor},
                                {"repeat", s.practice.repeat},       {"listen_first", s.practice.listen_first},
                                {"skip_untranscribed", s.skip_untranscribed}, {"real_audio_offered", s.real_audio_offered}};
  if (s.loop) doc["loop"] = {s.loop->first, s.loop->second};
  return sync::write_file_atomically(state_dir() / "episodes" / (key + ".json"), doc.dump(2) + "\n");
}

std::vector<std::string> load_recent() {
  std::vector<std::string> out;
  if (state_dir().empty()) return out;
  auto doc = read_json(state_dir() / "recent.json", nullptr);
  if (doc.is_array())
    for (const auto& e : doc)
      if (e.is_string() && out.size() < kRecent) out.push_back(e.get<std::string>());
  return out;
}

std::string remember_recent(const std::string& transcript_path) {
  if (state_dir().empty()) return {};
  std::vector<std::string> list{transcript_path};
  for (auto& p : load_recent())
    if (p != transcript_path && list.size() < kRecent) list.push_back(p);
  return sync::write_file_atomically(state_dir() / "recent.json", nlohmann::json(list).dump(2) + "\n");
}

}  // namespace tingdu::ui
