#include "chapter_placement.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "sync/time_format.h"
#include "text_util.h"

namespace tingdu::sync {
namespace {

using Grams = std::set<std::uint64_t>;

// Pairs of adjacent CJK characters, and whole lower-cased Latin words, as hashed terms: the
// cheapest features that tell Chinese topics apart without a dictionary.
Grams terms(std::string_view text) {
  Grams out;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  UChar32 previous = -1;
  std::uint64_t word = 0;
  bool in_word = false;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    bool cjk = c >= 0 && text::is_cjk(c);
    if (cjk && previous >= 0) out.insert((std::uint64_t(previous) << 32) | std::uint64_t(c));
    previous = cjk ? c : -1;
    bool latin = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (latin) {
      word = word * 1099511628211ull + std::uint64_t(c | 0x20);  // FNV-style, case-folded
      in_word = true;
    } else if (in_word) {
      out.insert(word | (1ull << 63));  // high bit: never a CJK pair
      word = 0;
      in_word = false;
    }
  }
  if (in_word) out.insert(word | (1ull << 63));
  return out;
}

std::string reference_text(const Chapter& c) {
  std::string ref = c.title;
  for (const auto& e : c.subtopics) ref += "\n" + e.text;
  for (const auto& e : c.summary) ref += "\n" + e.text;
  return ref;
}

bool ends_with_question(std::string_view s) {
  s = text::trim(s);
  return s.ends_with("?") || s.ends_with("\xEF\xBC\x9F");  // ？
}

}  // namespace

std::vector<std::optional<std::size_t>> place_chapters(const Episode& ep, std::vector<std::string>& notes) {
  std::vector<std::size_t> blocks = ep.turn_blocks();
  std::vector<std::optional<std::size_t>> placed(blocks.size());
  if (ep.chapters.empty() || blocks.empty()) return placed;

  std::vector<bool> headed(ep.chapters.size(), false);
  std::optional<std::size_t> pending;
  std::size_t turn = 0;
  for (const Block& b : ep.blocks) {
    if (b.kind == BlockKind::chapter_header) {
      pending = b.chapter;
    } else if (b.kind == BlockKind::turn) {
      if (pending) {
        placed[turn] = pending;
        headed[*pending] = true;
        pending.reset();
      }
      ++turn;
    }
  }
  // Text before any heading belongs to the first chapter.
  if (!placed[0] && !headed[0]) {
    placed[0] = 0;
    headed[0] = true;
  }

  for (std::size_t c = 0; c < ep.chapters.size(); ++c) {
    if (headed[c]) continue;
    // Candidates: the turns after the last turn that starts an earlier chapter, up to the
    // first turn that starts a later one.
    std::size_t lo = 0, hi = placed.size();
    for (std::size_t k = 0; k < placed.size(); ++k) {
      if (!placed[k]) continue;
      if (*placed[k] < c) lo = k + 1;
      else if (hi == placed.size()) hi = k;
    }
    std::string name = format_clock(ep.chapters[c].start) + " " + ep.chapters[c].title;
    if (lo >= hi) {
      notes.push_back("chapter " + name + " has no heading and no turns to place it on; it is on the time axis only");
      continue;
    }
    Grams ref = terms(reference_text(ep.chapters[c]));
    std::vector<Grams> cand;
    std::unordered_map<std::uint64_t, int> df;
    for (std::size_t k = lo; k < hi; ++k) {
      cand.push_back(terms(ep.blocks[blocks[k]].text));
      for (auto g : cand.back()) ++df[g];
    }
    std::vector<double> score(cand.size(), 0);
    for (std::size_t i = 0; i < cand.size(); ++i) {
      for (auto g : ref)
        if (cand[i].count(g)) score[i] += std::log(1.0 + double(cand.size()) / df[g]);
      score[i] /= std::sqrt(double(cand[i].size()) + 20.0);  // long turns match more by chance
    }
    auto best = std::max_element(score.begin(), score.end()) - score.begin();
    double runner_up = 0;
    for (std::size_t i = 0; i < score.size(); ++i)
      if (std::ptrdiff_t(i) != best) runner_up = std::max(runner_up, score[i]);
    if (score[best] <= 0 || score[best] < kClearMatchRatio * runner_up) {
      notes.push_back("chapter " + name + " has no heading, and no turn matches its summary clearly; it is on the "
                      "time axis only");
      continue;
    }
    std::size_t at = lo + std::size_t(best);
    // A topic usually opens with the question that leads to the matching answer.
    if (at > lo && ep.blocks[blocks[at - 1]].speaker != ep.blocks[blocks[at]].speaker &&
        ends_with_question(ep.blocks[blocks[at - 1]].text))
      --at;
    placed[at] = c;
    headed[c] = true;
    notes.push_back("chapter " + name + " has no heading; placed at turn " + std::to_string(at) + " (\"" +
                    text::excerpt(ep.blocks[blocks[at]].text, 24) + "\"), the clearest match for its summary");
  }
  return placed;
}

}  // namespace tingdu::sync
