#include "turn_dp.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tingdu::sync::align {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// A chapter's first turn may start this far from the outline's time at no cost (outline times
// are whole seconds, and speech starts a moment after a chapter's mark).
constexpr double kChapterSlack = 2.0;
// A turn's speech may run to this many times its expected length, or this many seconds longer
// (short turns vary most), before the search stops extending it.
constexpr double kLongestFactor = 3.0, kLongestExtra = 20.0;
// Pauses longer than this say nothing more about a same-speaker boundary.
constexpr double kPauseCap = 1.5;

// A range of unit indices [lo, hi] with a value per index.
struct Row {
  std::size_t lo = 0, hi = 0;  // inclusive; empty when hi < lo
  std::vector<double> cost;
  std::vector<std::int32_t> from;  // per kind: argmin start unit (E) or predecessor kind (A, G)
  void assign(std::size_t l, std::size_t h) {
    lo = l;
    hi = h;
    std::size_t n = h >= l ? h - l + 1 : 0;
    cost.assign(n, kInf);
    from.assign(n, -1);
  }
  bool has(std::size_t i) const { return i >= lo && i <= hi && hi >= lo; }
  double at(std::size_t i) const { return has(i) ? cost[i - lo] : kInf; }
};

class Solver {
 public:
  explicit Solver(const DpProblem& p) : p_(p), w_(p.weights) {
    U_ = p.end_unit - p.first_unit;
    S_ = p.speakers;
    frame_seconds_ = p.frame_seconds;
    const auto& units = *p.units;
    const auto& scores = *p.unit_scores;
    speech_prefix_.assign(U_ + 1, 0.0);
    score_prefix_.assign(S_ * (U_ + 1), 0.0);
    nobody_suffix_.assign(U_ + 1, 0.0);
    for (std::size_t x = 0; x < U_; ++x) {
      const Unit& u = units[p.first_unit + x];
      speech_prefix_[x + 1] = speech_prefix_[x] + u.speech;
      for (std::size_t s = 0; s < S_; ++s)
        score_prefix_[s * (U_ + 1) + x + 1] = score_prefix_[s * (U_ + 1) + x] + scores[(p.first_unit + x) * S_ + s];
    }
    for (std::size_t x = U_; x-- > 0;) nobody_suffix_[x] = nobody_suffix_[x + 1] + nobody(x);
  }

  DpResult solve() {
    DpResult r;
    const std::size_t M = p_.turns.size();
    if (M == 0 || U_ == 0) return r;
    a_.resize(M);
    e_.resize(M);
    g_.resize(M);
    reach_.resize(M);
    for (std::size_t j = 0; j < M; ++j) {
      const DpTurn& t = p_.turns[j];
      std::size_t hi = std::min(t.hi, U_ - 1), lo = std::min(t.lo, hi);
      a_[j].assign(lo, hi);
      reach_[j] = hi + 1;  // extended below
      double longest = std::max(kLongestFactor * t.expected_speech, t.expected_speech + kLongestExtra);
      while (reach_[j] < U_ && speech_prefix_[reach_[j]] - speech_prefix_[hi] < longest) ++reach_[j];
    }
    forward();
    double best = kInf;
    std::size_t best_v = 0;
    bool best_in_gap = false;
    const std::size_t last = M - 1;
    for (std::size_t v = e_[last].lo; v <= e_[last].hi && e_[last].hi >= e_[last].lo; ++v) {
      double c = e_[last].at(v) + tail_after_turn(v);
      if (c < best) best = c, best_v = v, best_in_gap = false;
    }
    for (std::size_t v = g_[last].lo; v <= g_[last].hi && g_[last].hi >= g_[last].lo; ++v) {
      double c = g_[last].at(v) + nobody_suffix_[v];
      if (c < best) best = c, best_v = v, best_in_gap = true;
    }
    if (!std::isfinite(best)) return r;
    backward();
    r.ok = true;
    r.cost = best;
    r.owner.assign(U_, -1);
    r.turns.resize(M);
    // Trace back: from the end state through each turn's E and A rows.
    std::size_t v = best_v;
    bool in_gap = best_in_gap;
    for (std::size_t j = M; j-- > 0;) {
      while (in_gap) {  // units before v given to nobody, back to where turn j ended
        in_gap = g_[j].from[v - g_[j].lo] == 1;
        --v;
      }
      std::size_t u = std::size_t(e_[j].from[v - e_[j].lo]);
      r.turns[j].start = u;
      r.turns[j].end = v;
      for (std::size_t x = u; x < v; ++x) r.owner[x] = int(j);
      if (j > 0) in_gap = a_[j].from[u - a_[j].lo] == 1;
      v = u;
    }
    for (std::size_t j = 0; j < M; ++j) {
      DpPlacement& pl = r.turns[j];
      pl.band_lo = a_[j].lo;
      pl.start_costs.resize(a_[j].cost.size());
      for (std::size_t i = 0; i < a_[j].cost.size(); ++i) pl.start_costs[i] = a_[j].cost[i] + ab_[j][i] - best;
    }
    return r;
  }

 private:
  double nobody(std::size_t x) const {
    return -w_.score * w_.nobody_llr * (*p_.units)[p_.first_unit + x].speech / frame_seconds_;
  }
  double lead(std::size_t u) const { return u == 0 ? 0.0 : w_.nobody_open + nobody_suffix_[0] - nobody_suffix_[u]; }
  double tail_after_turn(std::size_t v) const { return v >= U_ ? 0.0 : w_.nobody_open + nobody_suffix_[v]; }

  double segment(std::size_t j, std::size_t u, std::size_t v) const {
    const DpTurn& t = p_.turns[j];
    auto s = std::size_t(t.speaker);
    double score = score_prefix_[s * (U_ + 1) + v] - score_prefix_[s * (U_ + 1) + u];
    double speech = speech_prefix_[v] - speech_prefix_[u];
    double ratio = std::log((speech + 0.05) / std::max(0.05, t.expected_speech));
    return -w_.score * score + ratio * ratio / (2 * w_.duration_sigma * w_.duration_sigma);
  }

  // Turn j+1 starts at unit v, after turn j (and maybe a stretch of nobody).
  double boundary(std::size_t j, std::size_t v) const {
    const Unit& u = (*p_.units)[p_.first_unit + v];
    double c = 0;
    if (u.pause_before == 0 && v > 0) c += w_.cut;
    if (p_.turns[j].speaker == p_.turns[j + 1].speaker) c -= w_.same_speaker_pause * std::min(u.pause_before, kPauseCap);
    return c + start_cost(j + 1, v);
  }

  double start_cost(std::size_t j, std::size_t v) const {
    const auto& t = p_.turns[j];
    if (!t.chapter_time) return 0;
    double off = std::abs((*p_.units)[p_.first_unit + v].start - *t.chapter_time);
    return w_.chapter_per_second * std::max(0.0, off - kChapterSlack);
  }

  void forward() {
    const std::size_t M = p_.turns.size();
    for (std::size_t u = a_[0].lo; u <= a_[0].hi; ++u)
      if (!p_.first_turn_fixed || u == 0) a_[0].cost[u - a_[0].lo] = lead(u) + start_cost(0, u);
    for (std::size_t j = 0; j < M; ++j) {
      Row& A = a_[j];
      Row& E = e_[j];
      E.assign(A.lo + 1, reach_[j]);
      for (std::size_t u = A.lo; u <= A.hi; ++u) {
        double base = A.at(u);
        if (!std::isfinite(base)) continue;
        const double longest = std::max(kLongestFactor * p_.turns[j].expected_speech, p_.turns[j].expected_speech + kLongestExtra);
        for (std::size_t v = u + 1; v <= E.hi && speech_prefix_[v - 1] - speech_prefix_[u] < longest; ++v) {
          double c = base + segment(j, u, v);
          if (c < E.cost[v - E.lo]) {
            E.cost[v - E.lo] = c;
            E.from[v - E.lo] = std::int32_t(u);
          }
        }
      }
      // Nobody after turn j: reaching the next turn's band, or the end after the last turn.
      std::size_t g_hi = j + 1 < M ? std::max(E.hi, std::min(p_.turns[j + 1].hi, U_ - 1)) : U_;
      Row& G = g_[j];
      G.assign(E.lo, g_hi);
      for (std::size_t v = G.lo + 1; v <= G.hi; ++v) {
        double open = E.at(v - 1) + w_.nobody_open, stay = G.at(v - 1);
        double c = std::min(open, stay) + nobody(v - 1);
        if (c < G.cost[v - G.lo]) {
          G.cost[v - G.lo] = c;
          G.from[v - G.lo] = open <= stay ? 0 : 1;
        }
      }
      if (j + 1 == M) break;
      Row& next = a_[j + 1];
      for (std::size_t v = next.lo; v <= next.hi; ++v) {
        double via_e = E.at(v), via_g = G.at(v);
        double c = std::min(via_e, via_g);
        if (!std::isfinite(c)) continue;
        next.cost[v - next.lo] = c + boundary(j, v);
        next.from[v - next.lo] = via_e <= via_g ? 0 : 1;
      }
    }
  }

  void backward() {
    const std::size_t M = p_.turns.size();
    ab_.assign(M, {});
    std::vector<double> eb, gb;
    for (std::size_t j = M; j-- > 0;) {
      const Row& E = e_[j];
      const Row& G = g_[j];
      gb.assign(G.cost.size(), kInf);
      eb.assign(E.cost.size(), kInf);
      auto next_start = [&](std::size_t v) {  // turn j+1 starting at v, completed
        if (j + 1 == M || !a_[j + 1].has(v)) return kInf;
        return boundary(j, v) + ab_[j + 1][v - a_[j + 1].lo];
      };
      for (std::size_t v = G.hi + 1; v-- > G.lo;) {
        double c = j + 1 == M ? nobody_suffix_[v] : next_start(v);
        if (j + 1 < M && v + 1 <= G.hi && v < U_) c = std::min(c, nobody(v) + gb[v + 1 - G.lo]);
        gb[v - G.lo] = c;
      }
      for (std::size_t v = E.lo; v <= E.hi && E.hi >= E.lo; ++v) {
        double c = j + 1 == M ? tail_after_turn(v) : next_start(v);
        if (j + 1 < M && v < U_ && G.has(v + 1)) c = std::min(c, w_.nobody_open + nobody(v) + gb[v + 1 - G.lo]);
        eb[v - E.lo] = c;
      }
      const Row& A = a_[j];
      auto& ab = ab_[j];
      ab.assign(A.cost.size(), kInf);
      const double longest = std::max(kLongestFactor * p_.turns[j].expected_speech, p_.turns[j].expected_speech + kLongestExtra);
      for (std::size_t u = A.lo; u <= A.hi; ++u)
        for (std::size_t v = u + 1; v <= E.hi && speech_prefix_[v - 1] - speech_prefix_[u] < longest; ++v)
          ab[u - A.lo] = std::min(ab[u - A.lo], segment(j, u, v) + eb[v - E.lo]);
    }
  }

  const DpProblem& p_;
  const DpWeights& w_;
  std::size_t U_ = 0, S_ = 0;
  double frame_seconds_ = 0.01;
  std::vector<double> speech_prefix_, score_prefix_, nobody_suffix_;
  std::vector<Row> a_, e_, g_;
  std::vector<std::size_t> reach_;
  std::vector<std::vector<double>> ab_;  // backward: cost to complete from "turn j starts at u"
};

}  // namespace

DpResult place_turns(const DpProblem& problem) { return Solver(problem).solve(); }

}  // namespace tingdu::sync::align
