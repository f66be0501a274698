#include "coarse_map.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace tingdu::sync::align {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
// Cells of the alignment at most (a byte each).
constexpr double kMaxCells = 8e6;
// Gaps, in similarity units (a matched second of one speaker's speech gains up to 1). Short
// gaps absorb the estimate's drift inside a chapter (its turns are only as long as their text
// says); long ones are stretches inserted or removed: costly to open, cheap to extend, so that
// a 15-120 s ad is one gap and never several.
constexpr double kShortOpen = 0.5, kShortPerSecond = 0.4;
// (Per second, a long gap costs the caller's `long_gap` (CoarseCosts): enough that a stretch isn't
// skipped only to match the speaker pattern a few turns on, since two speakers taking turns look
// alike shifted by two turns.)
constexpr double kLongOpen = 6;
// A gap at either end (a pre-roll, an intro cut, audio that ends early or late) opens for less:
// the commonest edits, and no stamp inside the timeline speaks against them.
constexpr double kEdgeOpen = 2;
// A long gap shorter than this is drift, not a stretch (seconds).
constexpr double kMinStretch = 8;
// A map whose matched speech agrees less than this is not trusted.
constexpr double kMinAgreement = 0.2;
// A group's weight for a speaker: how much more often than by chance its speech falls where the
// estimate has that speaker, less 1 (a lift), clipped to this.
constexpr double kMaxWeight = 1.0;
// An audio bin with less speech than this share says nothing about who speaks.
constexpr double kSpeechShare = 0.3;

enum State : std::uint8_t { kM = 0, kXs, kXl, kYs, kYl, kStates, kStart = 7 };

struct Band {
  long lo, hi;  // offsets d = audio bin - transcript bin
  std::size_t width() const { return std::size_t(hi - lo + 1); }
};

Band band_for(const CoarseSignal& s, double max_offset, double share) {
  const auto na = long(s.audio.size() / std::size_t(std::max(1, s.groups))), ne = long(s.estimate.size());
  long hi = long(std::ceil((max_offset + share * double(na) * s.bin) / s.bin));
  long lo = -long(std::ceil((max_offset + share * double(ne) * s.bin) / s.bin));
  return {std::max(lo, -ne), std::min(hi, na)};
}

// Per audio bin and speaker: sum over groups of the bin's share times the group's weight.
std::vector<double> speaker_evidence(const CoarseSignal& s, const std::vector<double>& weight) {
  const auto G = std::size_t(s.groups), S = std::size_t(s.speakers), na = s.audio.size() / std::max<std::size_t>(1, G);
  std::vector<double> q(na * S, 0.0);
  for (std::size_t j = 0; j < na; ++j)
    for (std::size_t g = 0; g < G; ++g)
      for (std::size_t sp = 0; sp < S; ++sp) q[j * S + sp] += double(s.audio[j * G + g]) * weight[g * S + sp];
  return q;
}

// Lifts from matched pairs (transcript bin, audio bin).
std::vector<double> weights_from(const CoarseSignal& s, const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
  const auto G = std::size_t(s.groups), S = std::size_t(s.speakers);
  std::vector<double> joint(G * S, 0.0), per_group(G, 0.0), per_speaker(S, 0.0);
  double total = 0;
  for (auto [i, j] : pairs) {
    int e = s.estimate[i];
    if (e < 0) continue;
    per_speaker[std::size_t(e)] += 1;
    total += 1;
    for (std::size_t g = 0; g < G; ++g) {
      joint[g * S + std::size_t(e)] += s.audio[j * G + g];
      per_group[g] += s.audio[j * G + g];
    }
  }
  std::vector<double> w(G * S, 0.0);
  for (std::size_t g = 0; g < G; ++g)
    for (std::size_t sp = 0; sp < S; ++sp) {
      if (per_group[g] <= 0 || per_speaker[sp] <= 0) continue;
      double lift = (joint[g * S + sp] / per_speaker[sp]) / (per_group[g] / total);
      w[g * S + sp] = std::clamp(lift - 1, -kMaxWeight, kMaxWeight);
    }
  return w;
}

// The single offset at which the groups say most about the speakers (mutual information of the
// estimate's speaker and the audio's group over the overlapping bins).
long best_offset(const CoarseSignal& s, Band band) {
  const auto G = std::size_t(s.groups), S = std::size_t(s.speakers), na = s.audio.size() / G, ne = s.estimate.size();
  long best = 0;
  double best_info = kNegInf;
  std::vector<double> joint(G * S);
  for (long d = band.lo; d <= band.hi; ++d) {
    std::fill(joint.begin(), joint.end(), 0.0);
    for (std::size_t i = 0; i < ne; ++i) {
      long j = long(i) + d;
      if (j < 0 || j >= long(na) || s.estimate[i] < 0) continue;
      for (std::size_t g = 0; g < G; ++g) joint[g * S + std::size_t(s.estimate[i])] += s.audio[std::size_t(j) * G + g];
    }
    double total = 0;
    std::vector<double> pg(G, 0.0), ps(S, 0.0);
    for (std::size_t g = 0; g < G; ++g)
      for (std::size_t sp = 0; sp < S; ++sp) {
        pg[g] += joint[g * S + sp];
        ps[sp] += joint[g * S + sp];
        total += joint[g * S + sp];
      }
    if (total <= 0) continue;
    double info = 0;  // in units of speech-seconds: more overlap with the same association wins
    for (std::size_t g = 0; g < G; ++g)
      for (std::size_t sp = 0; sp < S; ++sp)
        if (double p = joint[g * S + sp]; p > 0) info += p * std::log(p * total / (pg[g] * ps[sp]));
    if (info > best_info) best_info = info, best = d;
  }
  return best;
}

struct Alignment {
  std::vector<std::uint8_t> state;  // per transcript bin: kM, kYs, kYl
  std::vector<long> audio_bin;      // per transcript bin: the audio bin it is matched at (or stays at)
  std::vector<std::pair<std::size_t, std::size_t>> inserted_bins;  // long insertions [from, to) audio bins
  std::vector<std::pair<std::size_t, std::size_t>> matched;        // (transcript bin, audio bin)
};

Alignment align_signals(const CoarseSignal& s, Band band, const std::vector<double>& q, double kLongPerSecond) {
  const auto S = std::size_t(s.speakers), na = q.size() / S, ne = s.estimate.size();
  const std::size_t W = band.width();
  const double bin = s.bin;
  const double short_open = kShortOpen + kShortPerSecond * bin, short_ext = kShortPerSecond * bin;
  const double long_open = kLongOpen + kLongPerSecond * bin, long_ext = kLongPerSecond * bin;
  auto lead = [&](long bins) { return bins <= 0 ? 0.0 : -(kEdgeOpen + kLongPerSecond * bin * double(bins)); };
  auto sim = [&](std::size_t i, std::size_t j) {
    int e = s.estimate[i];
    return e < 0 ? 0.0 : bin * q[j * S + std::size_t(e)];
  };
  // Scores of the previous and the current column; backpointers of every cell.
  std::vector<double> prev(W * kStates, kNegInf), cur(W * kStates, kNegInf);
  std::vector<std::uint8_t> back(na * W, 0);
  auto at = [&](std::vector<double>& col, long d, int st) -> double& { return col[std::size_t(d - band.lo) * kStates + std::size_t(st)]; };
  double best = kNegInf;
  long best_j = -1, best_d = 0;
  int best_state = kM;
  for (std::size_t j = 0; j < na; ++j) {
    std::fill(cur.begin(), cur.end(), kNegInf);
    // d descending = transcript bin ascending, for the deletions within the column.
    for (long d = band.hi; d >= band.lo; --d) {
      const long i = long(j) - d;
      if (i < 0 || i >= long(ne)) continue;
      std::uint8_t& bp = back[j * W + std::size_t(d - band.lo)];
      // Matched: from (i-1, j-1), same offset, or from the start.
      double from = kNegInf;
      int from_state = kStart;
      if (i == 0 || j == 0) from = lead(std::max(i, long(j)));
      if (i > 0 && j > 0)
        for (int st = 0; st < kStates; ++st)
          if (double v = at(prev, d, st); v > from) from = v, from_state = st;
      if (std::isfinite(from)) {
        at(cur, d, kM) = from + sim(std::size_t(i), j);
        bp = std::uint8_t(from_state);
      }
      // Inserted audio bin j: from (i, j-1), offset d-1.
      if (j > 0 && d - 1 >= band.lo) {
        double open_s = at(prev, d - 1, kM) - short_open, ext_s = at(prev, d - 1, kXs) - short_ext;
        double open_l = at(prev, d - 1, kM) - long_open, ext_l = at(prev, d - 1, kXl) - long_ext;
        at(cur, d, kXs) = std::max(open_s, ext_s);
        at(cur, d, kXl) = std::max(open_l, ext_l);
        bp |= std::uint8_t((ext_s > open_s) << 3 | (ext_l > open_l) << 4);
      }
      // Deleted transcript bin i: from (i-1, j), offset d+1, this column (done: d+1 came first).
      if (i > 0 && d + 1 <= band.hi) {
        double open_s = at(cur, d + 1, kM) - short_open, ext_s = at(cur, d + 1, kYs) - short_ext;
        double open_l = at(cur, d + 1, kM) - long_open, ext_l = at(cur, d + 1, kYl) - long_ext;
        at(cur, d, kYs) = std::max(open_s, ext_s);
        at(cur, d, kYl) = std::max(open_l, ext_l);
        bp |= std::uint8_t((ext_s > open_s) << 5 | (ext_l > open_l) << 6);
      }
      // The end: the rest of either timeline as one long gap.
      if (i == long(ne) - 1 || j == na - 1) {
        long rest = std::max(long(ne) - 1 - i, long(na) - 1 - long(j));
        for (int st = 0; st < kStates; ++st)
          if (double v = at(cur, d, st) + lead(rest); v > best) best = v, best_j = long(j), best_d = d, best_state = st;
      }
    }
    std::swap(prev, cur);
  }
  Alignment a;
  a.state.assign(ne, kYl);
  a.audio_bin.assign(ne, 0);
  if (best_j < 0) return a;
  // Trace back.
  long j = best_j, d = best_d;
  int st = best_state;
  // Audio after the end of the alignment, when long, was inserted too (an outro ad).
  if (double(long(na) - 1 - best_j) * s.bin >= kMinStretch) a.inserted_bins.push_back({std::size_t(best_j + 1), na});
  long insert_end = -1;  // while tracing a long insertion: the audio bin after it
  while (j >= 0 && long(j) - d >= 0) {
    const long i = j - d;
    const std::uint8_t bp = back[std::size_t(j) * W + std::size_t(d - band.lo)];
    if (st == kXl && insert_end < 0) insert_end = j + 1;
    if (st != kXl && insert_end >= 0) {
      a.inserted_bins.push_back({std::size_t(j + 1), std::size_t(insert_end)});
      insert_end = -1;
    }
    if (st == kM) {
      a.state[std::size_t(i)] = kM;
      a.audio_bin[std::size_t(i)] = j;
      a.matched.push_back({std::size_t(i), std::size_t(j)});
      int from = bp & 7;
      if (from == kStart) break;
      st = from;
      --j;
    } else if (st == kXs || st == kXl) {
      bool ext = st == kXs ? (bp >> 3) & 1 : (bp >> 4) & 1;
      st = ext ? st : kM;
      --j;
      --d;
    } else {
      a.state[std::size_t(i)] = std::uint8_t(st);
      a.audio_bin[std::size_t(i)] = j;
      bool ext = st == kYs ? (bp >> 5) & 1 : (bp >> 6) & 1;
      st = ext ? st : kM;
      ++d;
    }
  }
  if (insert_end >= 0) a.inserted_bins.push_back({std::size_t(std::max(0L, j + 1)), std::size_t(insert_end)});
  // A pre-roll: audio before the first matched bin.
  if (!a.matched.empty() && a.matched.back().second * s.bin >= kMinStretch)
    a.inserted_bins.push_back({0, a.matched.back().second});
  std::reverse(a.inserted_bins.begin(), a.inserted_bins.end());
  std::reverse(a.matched.begin(), a.matched.end());
  return a;
}

}  // namespace

double coarse_bin(double seconds, double max_offset, double insert_share) {
  double offsets = 2 * max_offset + 2 * insert_share * seconds;
  return std::max(1.0, std::ceil(std::sqrt(seconds * offsets / kMaxCells)));
}

double CoarseMap::to_audio(double t) const {
  if (!found || audio_of.empty()) return t;
  auto i = std::size_t(std::clamp(t / bin, 0.0, double(audio_of.size() - 1)));
  return audio_of[i] + (t - double(i) * bin);
}

CoarseMap find_coarse_map(const CoarseSignal& s, double long_gap, double max_offset, double insert_share) {
  CoarseMap map;
  map.bin = s.bin;
  const auto G = std::size_t(s.groups), S = std::size_t(s.speakers);
  if (G == 0 || S == 0 || s.estimate.empty() || s.audio.size() < G) return map;
  const std::size_t na = s.audio.size() / G, ne = s.estimate.size();
  const Band band = band_for(s, max_offset, insert_share);
  // Which group is which speaker: at the best single offset, then on the first alignment.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  const long d0 = best_offset(s, band);
  for (std::size_t i = 0; i < ne; ++i)
    if (long j = long(i) + d0; j >= 0 && j < long(na)) pairs.push_back({i, std::size_t(j)});
  Alignment a;
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<double> q = speaker_evidence(s, weights_from(s, pairs));
    a = align_signals(s, band, q, long_gap);
    pairs = a.matched;
    // Agreement over matched bins with speech on both sides.
    double gained = 0, possible = 0;
    for (auto [i, j] : a.matched) {
      int e = s.estimate[i];
      double speech = 0;
      for (std::size_t g = 0; g < G; ++g) speech += s.audio[j * G + g];
      if (e < 0 || speech < kSpeechShare) continue;
      gained += q[j * S + std::size_t(e)];
      possible += speech * kMaxWeight;
    }
    map.agreement = possible > 0 ? gained / possible : 0;
  }
  map.found = map.agreement >= kMinAgreement && !a.matched.empty();
  if (!map.found) return map;
  map.audio_of.assign(ne, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < ne; ++i) {
    if (a.state[i] == kYl) continue;
    map.audio_of[i] = double(a.audio_bin[i]) * s.bin;
  }
  for (auto [from, to] : a.inserted_bins)
    if (double(to - from) * s.bin >= kMinStretch) map.inserted.push_back({double(from) * s.bin, double(to) * s.bin});
  for (std::size_t i = 0; i < ne;) {
    if (a.state[i] != kYl) {
      ++i;
      continue;
    }
    std::size_t from = i;
    while (i < ne && a.state[i] == kYl) ++i;
    if (double(i - from) * s.bin >= kMinStretch) map.removed.push_back({double(from) * s.bin, double(i) * s.bin});
    else
      for (std::size_t k = from; k < i; ++k) map.audio_of[k] = double(a.audio_bin[k]) * s.bin;
  }
  const double audio_end = double(na) * s.bin, transcript_end = double(ne) * s.bin;
  for (const auto& st : map.inserted) map.moves |= st.end < audio_end - kMinStretch;
  for (const auto& st : map.removed) map.moves |= st.end < transcript_end - kMinStretch;
  return map;
}

}  // namespace tingdu::sync::align
