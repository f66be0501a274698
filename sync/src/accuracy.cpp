#include "sync/accuracy.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace tingdu::sync {
namespace {

AccuracyFigures figures(std::vector<double> errors) {
  AccuracyFigures f;
  f.turns = errors.size();
  if (errors.empty()) return f;
  std::sort(errors.begin(), errors.end());
  auto at = [&](double q) { return errors[std::min(errors.size() - 1, std::size_t(q * double(errors.size())))]; };
  f.median = at(0.5);
  f.p90 = at(0.9);
  f.max = errors.back();
  auto share = [&](double limit) {
    return double(std::upper_bound(errors.begin(), errors.end(), limit) - errors.begin()) / double(errors.size());
  };
  f.within_0_5 = share(0.5);
  f.within_1 = share(1.0);
  f.within_2 = share(2.0);
  return f;
}

}  // namespace

std::string truth_to_json(const Truth& truth) {
  nlohmann::ordered_json chapters = nlohmann::ordered_json::array(), turns = nlohmann::ordered_json::array();
  for (const auto& c : truth.chapters)
    chapters.push_back({{"index", c.index}, {"title", c.title}, {"start", std::round(c.start * 1000) / 1000}});
  for (const auto& t : truth.turns)
    turns.push_back({{"index", t.index}, {"speaker", t.speaker}, {"start", std::round(t.start * 1000) / 1000},
                     {"end", std::round(t.end * 1000) / 1000}});
  nlohmann::ordered_json doc{{"chapters", chapters}, {"turns", turns}};
  if (!truth.sentences.empty()) {
    nlohmann::ordered_json sentences = nlohmann::ordered_json::array();
    for (const auto& s : truth.sentences)
      sentences.push_back({{"turn", s.turn}, {"index", s.index}, {"start", std::round(s.start * 1000) / 1000},
                           {"end", std::round(s.end * 1000) / 1000}});
    doc["sentences"] = sentences;
  }
  if (!truth.untranscribed.empty()) {
    nlohmann::ordered_json stretches = nlohmann::ordered_json::array();
    for (const auto& u : truth.untranscribed)
      stretches.push_back({{"start", std::round(u.start * 1000) / 1000}, {"end", std::round(u.end * 1000) / 1000}});
    doc["untranscribed"] = stretches;
  }
  return doc.dump(2) + "\n";
}

std::optional<Truth> read_truth(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics) {
  auto fail = [&](std::string message) {
    diagnostics.push_back({Severity::error, path.string(), 0, 0, std::move(message)});
    return std::nullopt;
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot open the truth file");
  auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("turns") || !doc["turns"].is_array())
    return fail("expected a JSON object with a \"turns\" array (a truth file from tingdu-cli narrate)");
  Truth truth;
  try {
    for (const auto& c : doc.value("chapters", nlohmann::json::array()))
      truth.chapters.push_back({c.at("index").get<std::size_t>(), c.value("title", ""), c.at("start").get<double>()});
    for (const auto& t : doc["turns"])
      truth.turns.push_back({t.at("index").get<std::size_t>(), t.value("speaker", ""), t.at("start").get<double>(),
                             t.at("end").get<double>()});
    for (const auto& s : doc.value("sentences", nlohmann::json::array()))
      truth.sentences.push_back({s.at("turn").get<std::size_t>(), s.at("index").get<std::size_t>(), s.at("start").get<double>(),
                                 s.at("end").get<double>()});
    for (const auto& u : doc.value("untranscribed", nlohmann::json::array()))
      truth.untranscribed.push_back({u.at("start").get<double>(), u.at("end").get<double>()});
  } catch (const nlohmann::json::exception& e) {
    return fail(std::string("expected index/start/end numbers in every entry: ") + e.what());
  }
  return truth;
}

AccuracyReport measure_accuracy(const Timeline& timeline, const Truth& truth, double step) {
  AccuracyReport report;
  std::vector<double> all;
  std::vector<std::vector<double>> per_chapter(timeline.chapters().size());
  std::vector<double> chapter_starts;
  for (const auto& c : truth.chapters) chapter_starts.push_back(c.start);
  for (const auto& t : truth.turns) {
    if (t.index >= timeline.turns().size()) continue;
    double error = std::abs(timeline.start_of(t.index) - t.start);
    all.push_back(error);
    auto it = std::upper_bound(chapter_starts.begin(), chapter_starts.end(), t.start);
    if (it != chapter_starts.begin()) {
      std::size_t c = truth.chapters[std::size_t(it - chapter_starts.begin()) - 1].index;
      if (c < per_chapter.size()) per_chapter[c].push_back(error);
    }
  }
  report.overall = figures(all);
  std::vector<double> chapter_errors;
  for (const auto& c : truth.chapters)
    if (c.index < timeline.chapters().size()) chapter_errors.push_back(std::abs(timeline.chapters()[c.index].start - c.start));
  report.chapter_starts = figures(std::move(chapter_errors));
  for (auto& errors : per_chapter) report.per_chapter.push_back(figures(std::move(errors)));

  // Walk the true turns in time order, sampling inside each.
  std::vector<Truth::Turn> spoken = truth.turns;
  std::sort(spoken.begin(), spoken.end(), [](auto& a, auto& b) { return a.start < b.start; });
  std::size_t inside = 0, right = 0;
  for (const auto& t : spoken) {
    for (double s = t.start + step / 2; s < t.end; s += step) {
      ++inside;
      right += timeline.turn_at(s) == t.index;
    }
  }
  report.highlight_share = inside ? double(right) / double(inside) : 0;

  auto& cal = report.calibration;
  for (const auto& t : truth.turns) {
    if (t.index >= timeline.turns().size()) continue;
    const TimedTurn& turn = timeline.turns()[t.index];
    if (turn.source != TimeSource::aligned) continue;
    const double error = std::abs(turn.start - t.start);
    ++cal.labelled;
    cal.within += error <= std::max(turn.uncertainty, kCalibrationFloor);
    cal.far += error > kFarOff;
  }
  cal.coverage = cal.labelled ? double(cal.within) / double(cal.labelled) : 1.0;

  if (truth.sentences.empty()) return report;
  std::vector<double> errors;
  std::size_t sentence_inside = 0, sentence_right = 0;
  for (const auto& s : truth.sentences) {
    if (s.turn >= timeline.turns().size()) continue;
    auto [first, last] = timeline.sentences_of(s.turn);
    if (first + s.index >= last) continue;
    const std::size_t flat = first + s.index;
    errors.push_back(std::abs(timeline.sentences()[flat].start - s.start));
    for (double t = s.start + step / 2; t < s.end; t += step) {
      ++sentence_inside;
      sentence_right += timeline.sentence_at(t) == flat;
    }
  }
  report.sentences = figures(std::move(errors));
  report.sentence_highlight_share = sentence_inside ? double(sentence_right) / double(sentence_inside) : 0;
  return report;
}

UntranscribedFigures measure_untranscribed(const std::vector<Truth::Stretch>& truth, const std::vector<Truth::Stretch>& found) {
  UntranscribedFigures f;
  f.truth = truth.size();
  f.found = found.size();
  auto overlap = [](const Truth::Stretch& a, const Truth::Stretch& b) {
    return std::max(0.0, std::min(a.end, b.end) - std::max(a.start, b.start));
  };
  for (const auto& t : truth) {
    const Truth::Stretch* best = nullptr;
    for (const auto& s : found)
      if (overlap(t, s) > 0 && (!best || overlap(t, s) > overlap(t, *best))) best = &s;
    if (!best) {
      ++f.missed;
      continue;
    }
    f.start_error_max = std::max(f.start_error_max, std::abs(best->start - t.start));
    f.end_error_max = std::max(f.end_error_max, std::abs(best->end - t.end));
  }
  for (const auto& s : found) {
    bool real = std::any_of(truth.begin(), truth.end(), [&](const auto& t) { return overlap(t, s) > 0; });
    f.false_over_5s += !real && s.end - s.start > kFalseStretch;
  }
  return f;
}

}  // namespace tingdu::sync
