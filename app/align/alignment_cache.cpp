#include "alignment_cache.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "sync/atomic_file.h"
#include "sync/state_dir.h"

namespace tingdu::app {
namespace {

constexpr char kMagic[8] = {'T', 'D', 'F', 'E', 'A', 'T', 'S', '\0'};
constexpr std::size_t kBlock = 64 * 1024;  // bytes hashed at each of three places in the audio

struct Fnv {
  std::uint64_t h = 1469598103934665603ull;
  void add(const void* data, std::size_t n) {
    auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= p[i];
      h *= 1099511628211ull;
    }
  }
};

std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::filesystem::path features_path(const std::string& key) { return sync::state_dir() / "analysis" / (key + ".features"); }
std::filesystem::path alignment_path(const std::string& transcript, const std::string& audio) {
  return sync::state_dir() / "alignment" / (transcript + "-" + audio + ".json");
}

// Appends raw bytes of a value or an array.
template <class T>
void put(std::string& out, const T* data, std::size_t count = 1) {
  out.append(reinterpret_cast<const char*>(data), count * sizeof(T));
}

// Discards a damaged cache file, saying so.
void discard(const std::filesystem::path& path, const std::string& why, std::string& problem) {
  problem = path.string() + ": " + why + "; discarded (it is made again)";
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

// The anchors file keeps times to the millisecond (anchor_file.h), while an alignment is made
// with the anchors as set (a tap lands between milliseconds): the same anchors, read back after
// a restart, are the same turns at the same times to within a millisecond.
bool same_anchors(const std::map<std::size_t, double>& a, const std::map<std::size_t, double>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const auto& x, const auto& y) { return x.first == y.first && std::abs(x.second - y.second) <= 0.001; });
}

}  // namespace

std::string audio_key(const std::filesystem::path& audio) {
  std::error_code ec;
  auto size = std::filesystem::file_size(audio, ec);
  if (ec) return {};
  auto time = std::filesystem::last_write_time(audio, ec);
  if (ec) return {};
  Fnv f;
  f.add(&size, sizeof size);
  auto ticks = time.time_since_epoch().count();
  f.add(&ticks, sizeof ticks);
  std::ifstream in(audio, std::ios::binary);
  if (!in) return {};
  std::string block(kBlock, '\0');
  for (std::uintmax_t at : {std::uintmax_t(0), size / 2, size > kBlock ? size - kBlock : 0}) {
    in.seekg(std::streamoff(at));
    in.read(block.data(), std::streamsize(block.size()));
    f.add(block.data(), std::size_t(in.gcount()));
    in.clear();
  }
  return hex(f.h);
}

std::string save_features(const std::string& key, const media::AudioFeatures& v) {
  if (sync::state_dir().empty()) return {};
  std::string header;
  put(header, kMagic, sizeof kMagic);
  std::uint32_t version = kFeaturesVersion, cepstra = media::AudioFeatures::kCepstra;
  std::uint64_t frames = v.frames();
  double hop = media::AudioFeatures::kHopSeconds;
  put(header, &version);
  put(header, &cepstra);
  put(header, &frames);
  put(header, &hop);
  put(header, &v.duration);
  put(header, &v.noise_floor_db);
  auto bytes = [](const auto& array) {
    return std::string_view(reinterpret_cast<const char*>(array.data()), array.size() * sizeof(array[0]));
  };
  // Written piece by piece from the arrays: 3.5 h of features are 66 MB, not to be copied.
  std::vector<std::string_view> pieces{header, bytes(v.energy), bytes(v.speech), bytes(v.cepstra)};
  Fnv f;
  for (auto piece : pieces) f.add(piece.data(), piece.size());
  std::string checksum;
  put(checksum, &f.h);
  pieces.push_back(checksum);
  return sync::write_file_atomically(features_path(key), pieces);
}

std::optional<media::AudioFeatures> load_features(const std::string& key, std::string& problem) {
  if (sync::state_dir().empty()) return std::nullopt;
  auto path = features_path(key);
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  // Read straight into the arrays (3.5 h of features are 66 MB: no second copy), hashing as
  // it goes.
  Fnv f;
  auto read = [&](void* data, std::size_t n) {
    if (!file.read(static_cast<char*>(data), std::streamsize(n))) return false;
    f.add(data, n);
    return true;
  };
  char magic[8];
  std::uint32_t version = 0, cepstra = 0;
  std::uint64_t frames = 0;
  double hop = 0;
  media::AudioFeatures v;
  if (!read(magic, 8) || std::memcmp(magic, kMagic, 8) != 0 || !read(&version, 4) || !read(&cepstra, 4) ||
      !read(&frames, 8) || !read(&hop, 8) || !read(&v.duration, 8) || !read(&v.noise_floor_db, 4)) {
    discard(path, "not a features file", problem);
    return std::nullopt;
  }
  if (version != kFeaturesVersion || cepstra != media::AudioFeatures::kCepstra || hop != media::AudioFeatures::kHopSeconds) {
    discard(path, "made by another version", problem);
    return std::nullopt;
  }
  // The sizes must add up before anything is allocated (a damaged count must not ask for 1 TB).
  constexpr std::uint64_t kHeader = 8 + 4 + 4 + 8 + 8 + 8 + 4;
  if (ec || frames > size || kHeader + frames * (sizeof(float) * (1 + cepstra) + 1) + 8 != size) {
    discard(path, "truncated or damaged", problem);
    return std::nullopt;
  }
  v.energy.resize(frames);
  v.speech.resize(frames);
  v.cepstra.resize(frames * cepstra);
  std::uint64_t stored = 0;
  bool ok = read(v.energy.data(), frames * sizeof(float)) && read(v.speech.data(), frames) &&
            read(v.cepstra.data(), frames * cepstra * sizeof(float));
  std::uint64_t computed = f.h;
  if (!ok || !file.read(reinterpret_cast<char*>(&stored), 8) || stored != computed) {
    discard(path, "damaged (checksum)", problem);
    return std::nullopt;
  }
  return v;
}

std::string save_alignment(const std::string& transcript_key, const std::string& audio_key,
                           const std::map<std::size_t, double>& anchors, const sync::AlignmentResult& result) {
  if (sync::state_dir().empty()) return {};
  nlohmann::json turns = nlohmann::json::array(), lane = nlohmann::json::array(), pins = nlohmann::json::array();
  for (const auto& t : result.turns)
    turns.push_back(t ? nlohmann::json::array({t->start, t->end, t->uncertainty}) : nlohmann::json(nullptr));
  for (const auto& s : result.lane) lane.push_back({s.start, s.end, s.speaker});
  nlohmann::json untranscribed = nlohmann::json::array();
  for (const auto& s : result.untranscribed) untranscribed.push_back({s.start, s.end});
  nlohmann::json sentences = nlohmann::json::array();
  for (const auto& of_turn : result.sentences) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : of_turn) list.push_back({s.start, s.end, s.uncertainty, s.estimated});
    sentences.push_back(list);
  }
  for (auto [turn, time] : anchors) pins.push_back({turn, time});
  nlohmann::json doc = {{"version", kAlignmentVersion}, {"anchors", pins},    {"speakers", result.speakers},
                        {"rates", result.rates},        {"notes", result.notes}, {"turns", turns},
                        {"lane", lane},                {"sentences", sentences}, {"untranscribed", untranscribed}};
  return sync::write_file_atomically(alignment_path(transcript_key, audio_key), doc.dump() + "\n");
}

std::optional<sync::AlignmentResult> load_alignment(const std::string& transcript_key, const std::string& audio_key,
                                                    const std::map<std::size_t, double>& anchors, std::size_t turn_count,
                                                    std::string& problem) {
  if (sync::state_dir().empty()) return std::nullopt;
  auto path = alignment_path(transcript_key, audio_key);
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  auto doc = nlohmann::json::parse(in, nullptr, false);
  sync::AlignmentResult r;
  try {
    if (doc.is_discarded() || !doc.is_object()) throw std::runtime_error("not JSON");
    if (doc.at("version") != kAlignmentVersion) {
      discard(path, "made by another version", problem);
      return std::nullopt;
    }
    std::map<std::size_t, double> made_with;
    for (const auto& p : doc.at("anchors")) made_with[p.at(0).get<std::size_t>()] = p.at(1).get<double>();
    if (!same_anchors(made_with, anchors)) return std::nullopt;  // still good, but for other anchors
    if (doc.at("turns").size() != turn_count) throw std::runtime_error("turn count");
    for (const auto& t : doc.at("turns")) {
      if (t.is_null()) r.turns.push_back(std::nullopt);
      else r.turns.push_back(sync::AlignedTime{t.at(0).get<double>(), t.at(1).get<double>(), t.at(2).get<double>()});
    }
    for (const auto& s : doc.at("lane")) r.lane.push_back({s.at(0).get<double>(), s.at(1).get<double>(), s.at(2).get<int>()});
    for (const auto& s : doc.at("untranscribed")) r.untranscribed.push_back({s.at(0).get<double>(), s.at(1).get<double>()});
    for (const auto& of_turn : doc.at("sentences")) {
      r.sentences.emplace_back();
      for (const auto& s : of_turn)
        r.sentences.back().push_back({s.at(0).get<double>(), s.at(1).get<double>(), s.at(2).get<double>(), s.at(3).get<bool>()});
    }
    if (r.sentences.size() != turn_count) throw std::runtime_error("sentence count");
    r.speakers = doc.at("speakers").get<std::vector<std::string>>();
    r.rates = doc.at("rates").get<std::map<std::string, double>>();
    r.notes = doc.at("notes").get<std::vector<std::string>>();
  } catch (const std::exception&) {
    discard(path, "damaged", problem);
    return std::nullopt;
  }
  for (const auto& t : r.turns) r.aligned += t.has_value();
  return r;
}

}  // namespace tingdu::app
