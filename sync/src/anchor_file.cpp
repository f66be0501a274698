#include "sync/anchor_file.h"
#include "sync/state_dir.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>

#include "sync/atomic_file.h"

namespace tingdu::sync {
namespace {

std::string utc_stamp() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// Moves a file we must not overwrite out of the way; returns the message for the listener.
std::string set_aside(const std::filesystem::path& path, const std::string& suffix, const std::string& why) {
  std::filesystem::path aside = path.string() + "." + suffix + "-" + utc_stamp();
  std::error_code ec;
  std::filesystem::rename(path, aside, ec);
  if (ec) return path.string() + ": " + why + "; could not move it aside (" + ec.message() + "), so it is left as it is";
  return path.string() + ": " + why + "; kept it as " + aside.string() + " and started with no anchors";
}

}  // namespace

std::string transcript_key(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::filesystem::path default_anchor_path(std::string_view transcript_bytes) {
  std::filesystem::path state = state_dir();
  if (state.empty()) return {};
  return state / "anchors" / (transcript_key(transcript_bytes) + ".json");
}

AnchorLoad load_anchors(const std::filesystem::path& path, std::size_t turn_count) {
  AnchorLoad out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("version") || !doc["version"].is_number_integer()) {
    out.problems.push_back(set_aside(path, "corrupt", "not a Tingdu anchor file (expected JSON with a \"version\")"));
    return out;
  }
  int version = doc["version"].get<int>();
  if (version > kAnchorFileVersion) {
    out.problems.push_back(set_aside(path, "v" + std::to_string(version),
                                     "written by a newer Tingdu (version " + std::to_string(version) +
                                         "; this one reads version " + std::to_string(kAnchorFileVersion) + ")"));
    return out;
  }
  if (!doc.contains("anchors") || !doc["anchors"].is_array()) {
    out.problems.push_back(set_aside(path, "corrupt", "expected an \"anchors\" array"));
    return out;
  }
  for (const auto& a : doc["anchors"]) {
    bool valid = a.is_object() && a.contains("turn") && a["turn"].is_number_unsigned() && a.contains("time") &&
                 a["time"].is_number() && std::isfinite(a["time"].get<double>()) && a["time"].get<double>() >= 0;
    if (!valid) {
      out.problems.push_back(path.string() + ": skipped an anchor that is not {\"turn\": n, \"time\": seconds}: " + a.dump());
      continue;
    }
    auto turn = a["turn"].get<std::size_t>();
    if (turn >= turn_count) {
      out.problems.push_back(path.string() + ": skipped the anchor on turn " + std::to_string(turn) +
                             "; the transcript has " + std::to_string(turn_count) + " turns");
      continue;
    }
    out.anchors[turn] = a["time"].get<double>();
  }
  if (doc.contains("sentence_anchors") && doc["sentence_anchors"].is_array()) {
    for (const auto& a : doc["sentence_anchors"]) {
      bool valid = a.is_object() && a.contains("turn") && a["turn"].is_number_unsigned() && a.contains("sentence") &&
                   a["sentence"].is_number_unsigned() && a.contains("time") && a["time"].is_number() &&
                   std::isfinite(a["time"].get<double>()) && a["time"].get<double>() >= 0 &&
                   a["turn"].get<std::size_t>() < turn_count && a["sentence"].get<std::uint64_t>() < (1ull << 31);
      if (!valid) {
        out.problems.push_back(path.string() + ": skipped a sentence anchor that is not {\"turn\": n, \"sentence\": i, " +
                               "\"time\": seconds} with a turn below " + std::to_string(turn_count) + ": " + a.dump());
        continue;
      }
      out.sentence_anchors[{a["turn"].get<std::size_t>(), a["sentence"].get<std::uint32_t>()}] = a["time"].get<double>();
    }
  }
  return out;
}

std::vector<std::string> apply_anchors(const AnchorLoad& load, Timeline& timeline) {
  std::vector<std::string> refused;
  if (!load.anchors.empty()) {
    refused = timeline.replace_anchors(load.anchors);
    timeline.learn();
  }
  if (!load.sentence_anchors.empty())
    for (auto& why : timeline.replace_sentence_anchors(load.sentence_anchors)) refused.push_back(std::move(why));
  return refused;
}

std::string save_anchors(const std::filesystem::path& path, const std::map<std::size_t, double>& anchors,
                         std::size_t turn_count, const std::string& transcript_name, const SentenceAnchors& sentences) {
  auto ms = [](double t) { return std::round(t * 1000.0) / 1000.0; };
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (auto [turn, time] : anchors) list.push_back({{"turn", turn}, {"time", ms(time)}});
  nlohmann::ordered_json doc = {{"version", kAnchorFileVersion},
                                {"transcript", transcript_name},
                                {"turns", turn_count},
                                {"anchors", list}};
  if (!sentences.empty()) {
    nlohmann::ordered_json pinned = nlohmann::ordered_json::array();
    for (const auto& [key, time] : sentences) pinned.push_back({{"turn", key.first}, {"sentence", key.second}, {"time", ms(time)}});
    doc["sentence_anchors"] = pinned;
  }
  return write_file_atomically(path, doc.dump(2) + "\n");
}

std::string save_anchors(const std::filesystem::path& path, const Timeline& timeline, std::size_t turn_count,
                         const std::string& transcript_name) {
  return save_anchors(path, timeline.anchors(), turn_count, transcript_name, timeline.sentence_anchors());
}

}  // namespace tingdu::sync
