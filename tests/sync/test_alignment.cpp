// The aligner on synthetic frames: voices are clusters in cepstral space, pauses are frames
// without voice activity, and the truth is known to the frame. (Real recorded voices are tested
// end to end in the CLI tests.)
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <sstream>

#include "parse.h"
#include "sync/alignment.h"
#include "sync/time_format.h"
#include "sync/timeline.h"

using namespace tingdu;

namespace {

constexpr int kDims = 12;
constexpr double kHop = 0.01;

struct Spoken {
  std::size_t turn;
  double start, end;
};

// A conversation on a frame grid: turns of speakers "甲" and "乙" (and, optionally, a stretch
// of a third voice no turn has), with pauses between phrases and turns. Text lengths are
// roughly proportional to speech (as a translation's are).
struct Synthetic {
  std::vector<float> energy, cepstra;
  std::vector<std::uint8_t> speech;
  std::vector<Spoken> truth;
  std::string markdown;
  std::mt19937 rng{7};

  double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }

  void silence(double seconds) {
    for (int i = 0; i < int(seconds / kHop); ++i) {
      energy.push_back(-80);
      speech.push_back(0);
      for (int d = 0; d < kDims; ++d) cepstra.push_back(float(std::normal_distribution<double>(0, 1)(rng)));
    }
  }
  // A voice: a mean offset per dimension (speaker `which`), and frame noise; `level` in dB.
  void voice(int which, double seconds, float level = -20) {
    for (int i = 0; i < int(seconds / kHop); ++i) {
      energy.push_back(level);
      speech.push_back(1);
      for (int d = 0; d < kDims; ++d) {
        double mean = which == 0 ? (d < 6 ? 0.6 : -0.3) : which == 1 ? (d < 6 ? -0.6 : 0.3) : (d % 2 ? 1.2 : -1.2);
        cepstra.push_back(float(mean + std::normal_distribution<double>(0, 1)(rng)));
      }
    }
  }
  double now() const { return double(energy.size()) * kHop; }

  // `chapters` chapters of `turns_each` turns; `aside_after`: a 20 s third voice after that turn.
  // `preroll`: seconds of the third voice first, which the outline's times don't know (they are
  // the times without it, as when an ad is put before the episode a transcript was made from).
  // `glued`: the turn before the aside is a one-word reply, and the aside (12 s, 18 dB quieter:
  // laughter) follows it with no pause.
  Synthetic(int chapters, int turns_each, std::optional<std::size_t> aside_after = std::nullopt, double preroll = 0,
            bool glued = false) {
    std::ostringstream outline, script;
    std::size_t turn = 0;
    if (preroll > 0) {
      voice(2, preroll);
      silence(0.6);
    }
    const double unknown = now();
    silence(1.0);
    for (int c = 0; c < chapters; ++c) {
      double chapter_start = now() - unknown;
      int minutes = int(chapter_start) / 60, seconds = int(chapter_start) % 60;
      std::string clock = std::to_string(minutes) + ":" + (seconds < 10 ? "0" : "") + std::to_string(seconds);
      outline << (c + 1 == chapters ? "└── " : "├── ") << clock << " 第" << c + 1 << "章\n";
      script << "**" << clock << " - 第" << c + 1 << "章**\n\n";
      for (int t = 0; t < turns_each; ++t, ++turn) {
        int who = t % 2;
        double start = now();
        const bool reply = glued && aside_after && turn == *aside_after;
        int phrases = reply ? 1 : 1 + int(uniform(0, 4));
        double spoken = 0;
        for (int p = 0; p < phrases; ++p) {
          double len = reply ? 0.4 : uniform(0.8, 2.5);
          voice(who, len);
          spoken += len;
          if (p + 1 < phrases) silence(uniform(0.15, 0.5));
        }
        truth.push_back({turn, start, now()});
        // The text: about 4.4 characters a second, +-30%.
        int chars = reply ? 2 : std::max(2, int(spoken * 4.4 * uniform(0.7, 1.3)));
        script << (who ? "**乙:** " : "**甲:** ");
        for (int i = 0; i < chars; ++i) script << "说";
        script << "。\n\n";
        if (reply) {
          voice(2, 12, -38);
          silence(0.6);
          continue;
        }
        silence(uniform(0.3, 1.0));
        if (aside_after && turn == *aside_after) {
          voice(2, 20);
          silence(0.6);
        }
      }
    }
    silence(1.0);
    markdown = "合成对话\n\n## 内容整理\n```\n" + outline.str() + "```\n\n## 视频脚本\n\n" + script.str();
  }

  sync::FrameView view() const {
    sync::FrameView v;
    v.hop = kHop;
    v.frames = energy.size();
    v.energy = energy.data();
    v.speech = speech.data();
    v.cepstra = cepstra.data();
    v.dims = kDims;
    v.duration = double(energy.size()) * kHop;
    return v;
  }
};

}  // namespace

TEST_CASE("alignment: turns start where their speaker's speech starts", "[alignment]") {
  Synthetic s(2, 16);
  auto read = test::parse(s.markdown, "synthetic.md");
  REQUIRE(read.ok());
  REQUIRE(read.episode.turn_count() == s.truth.size());
  sync::Aligner aligner(read.episode, s.view());
  auto r = aligner.align({});
  REQUIRE(r.turns.size() == s.truth.size());
  std::size_t within = 0;
  for (const auto& t : s.truth) {
    INFO("turn " << t.turn);
    if (getenv("ALIGN_DEBUG")) fprintf(stderr, "truth %zu %.2f %.2f\n", t.turn, t.start, t.end);
    REQUIRE(r.turns[t.turn]);
    within += std::abs(r.turns[t.turn]->start - t.start) < 0.05;
    CHECK(r.turns[t.turn]->uncertainty < 1.0);
  }
  CHECK(within == s.truth.size());
  // The timeline takes them: source "aligned", ends where speech ends.
  sync::Timeline tl(read.episode, s.view().duration);
  tl.set_alignment(r.turns);
  CHECK(tl.turns()[5].source == sync::TimeSource::aligned);
  CHECK(tl.turns()[5].end == Approx(s.truth[5].end).margin(0.05));
  CHECK(tl.turn_at(s.truth[9].start + 0.2) == 9u);
  // The speaker lane alternates between the two voices.
  REQUIRE(r.lane.size() >= s.truth.size());
  CHECK(r.lane.front().speaker == 0);
}

TEST_CASE("alignment: speech no turn has is left to nobody", "[alignment]") {
  Synthetic s(2, 12, std::size_t(5));
  auto read = test::parse(s.markdown, "synthetic.md");
  REQUIRE(read.ok());
  sync::Aligner aligner(read.episode, s.view());
  auto r = aligner.align({});
  REQUIRE(r.turns[6]);
  CHECK(r.turns[6]->start == Approx(s.truth[6].start).margin(0.05));
  REQUIRE(r.turns[5]);
  CHECK(r.turns[5]->end == Approx(s.truth[5].end).margin(0.05));  // the 20 s aside is not in it
  bool untranscribed = false;
  for (const auto& span : r.lane) untranscribed |= span.speaker == -1 && span.end - span.start > 15;
  CHECK(untranscribed);
}

TEST_CASE("alignment: a one-word reply run straight into laughter starts where it is said", "[alignment]") {
  // As in the narration's "当然。" (turn 600), followed at once by 14 s of an aside: the reply
  // and the aside were one unit, so the reply was put at the aside's end.
  Synthetic s(2, 12, std::size_t(5), 0, true);
  auto read = test::parse(s.markdown, "synthetic.md");
  REQUIRE(read.ok());
  sync::Aligner aligner(read.episode, s.view());
  auto r = aligner.align({});
  REQUIRE(r.turns[5]);
  CHECK(r.turns[5]->start == Approx(s.truth[5].start).margin(0.05));
  CHECK(r.turns[5]->end == Approx(s.truth[5].end).margin(0.1));  // the aside is not in it
  REQUIRE(r.turns[6]);
  CHECK(r.turns[6]->start == Approx(s.truth[6].start).margin(0.05));
  REQUIRE(r.untranscribed.size() == 1);
  CHECK(r.untranscribed[0].start == Approx(s.truth[5].end).margin(0.1));
}

TEST_CASE("alignment: anchors are absolute, and re-aligning moves only their span", "[alignment][anchors]") {
  Synthetic s(2, 16);
  auto read = test::parse(s.markdown, "synthetic.md");
  REQUIRE(read.ok());
  sync::Aligner aligner(read.episode, s.view());
  auto first = aligner.align({});
  // The listener pins turn 20 half a second late: it starts there, exactly.
  std::map<std::size_t, double> anchors{{20, s.truth[20].start + 0.5}};
  auto again = aligner.realign(anchors, first, {20});
  REQUIRE(again.turns[20]);
  CHECK(again.turns[20]->start == anchors[20]);
  CHECK(again.turns[20]->uncertainty == 0);
  // Turns before the anchor keep their places; the rest still fit the audio.
  for (std::size_t k = 0; k < 20; ++k) CHECK(again.turns[k]->start == Approx(s.truth[k].start).margin(0.05));
  CHECK(again.turns[25]->start == Approx(s.truth[25].start).margin(0.05));
}

TEST_CASE("alignment: the same input gives the same times", "[alignment]") {
  Synthetic s(1, 10);
  auto read = test::parse(s.markdown, "synthetic.md");
  sync::Aligner a(read.episode, s.view()), b(read.episode, s.view());
  auto ra = a.align({}), rb = b.align({});
  for (std::size_t k = 0; k < ra.turns.size(); ++k) {
    REQUIRE(ra.turns[k].has_value() == rb.turns[k].has_value());
    if (ra.turns[k]) CHECK(ra.turns[k]->start == rb.turns[k]->start);
  }
}

TEST_CASE("alignment: a pre-roll the outline doesn't know moves every turn and is found untranscribed", "[alignment]") {
  Synthetic s(3, 10, std::nullopt, 40);
  auto read = test::parse(s.markdown, "synthetic.md");
  REQUIRE(read.ok());
  sync::Aligner aligner(read.episode, s.view());
  auto r = aligner.align({});
  std::size_t within = 0, labelled = 0;
  for (const auto& t : s.truth) {
    if (!r.turns[t.turn]) continue;
    ++labelled;
    within += std::abs(r.turns[t.turn]->start - t.start) < 0.25;
    CHECK(std::abs(r.turns[t.turn]->start - t.start) < 5);  // none sure and far off
  }
  CHECK(labelled >= s.truth.size() * 9 / 10);
  CHECK(within >= labelled * 9 / 10);
  REQUIRE(r.untranscribed.size() == 1);
  CHECK(r.untranscribed[0].start == Approx(0).margin(1));
  CHECK(r.untranscribed[0].end == Approx(40).margin(1));
}

TEST_CASE("alignment: audio shorter than the chapters says so and leaves the chapters past its end", "[alignment]") {
  Synthetic s(3, 8);
  // The audio stops where chapter 3 begins (its outline time is past the end).
  sync::FrameView cut = s.view();
  auto read0 = test::parse(s.markdown, "synthetic.md");
  cut.frames = std::size_t(std::llround((read0.episode.chapters[2].start - 1.0) / kHop));
  cut.duration = double(cut.frames) * kHop;
  auto read = test::parse(s.markdown, "synthetic.md");
  REQUIRE(read.ok());
  sync::Aligner aligner(read.episode, cut);
  auto r = aligner.align({});
  REQUIRE_FALSE(r.notes.empty());
  INFO(r.notes[0]);
  CHECK(r.notes[0].find("the audio lasts " + sync::format_clock(cut.duration)) != std::string::npos);
  CHECK(r.notes[0].find("chapters run to " + sync::format_clock(read.episode.chapters[2].start)) != std::string::npos);
  for (std::size_t k = 16; k < 24; ++k) CHECK_FALSE(r.turns[k]);
  REQUIRE(r.turns[10]);
  CHECK(r.turns[10]->start == Approx(s.truth[10].start).margin(0.05));
}

TEST_CASE("alignment: audio much longer than the text says so", "[alignment]") {
  Synthetic s(1, 8);
  s.voice(2, 600);  // ten minutes of a voice the transcript doesn't have (an interview clip, ads)
  s.silence(1);
  auto read = test::parse(s.markdown, "synthetic.md");
  sync::Aligner aligner(read.episode, s.view());
  auto r = aligner.align({});
  REQUIRE_FALSE(r.notes.empty());
  INFO(r.notes[0]);
  CHECK(r.notes[0].find("much longer") != std::string::npos);
  CHECK(r.notes[0].find(sync::format_clock(s.view().duration)) != std::string::npos);
}

TEST_CASE("alignment: without speech nothing is aligned, and it says so", "[alignment]") {
  Synthetic s(1, 6);
  std::fill(s.speech.begin(), s.speech.end(), 0);
  std::fill(s.energy.begin(), s.energy.end(), -80.0f);
  auto read = test::parse(s.markdown, "synthetic.md");
  sync::Aligner aligner(read.episode, s.view());
  auto r = aligner.align({});
  CHECK(r.aligned == 0);
  REQUIRE_FALSE(r.notes.empty());
  CHECK(r.notes[0].find("no speech") != std::string::npos);
}

TEST_CASE("alignment: two voices that can't be told apart keep the estimates where unsure", "[alignment]") {
  Synthetic s(1, 20);
  // Both speakers sound the same: only pauses and text lengths are left to go by.
  Synthetic same = s;
  std::mt19937 rng(3);
  for (std::size_t f = 0; f < same.energy.size(); ++f)
    for (int d = 0; d < kDims; ++d) same.cepstra[f * kDims + std::size_t(d)] = float(std::normal_distribution<double>(0, 1)(rng));
  auto read = test::parse(same.markdown, "synthetic.md");
  sync::Aligner aligner(read.episode, same.view());
  auto r = aligner.align({});
  sync::Timeline estimate(read.episode, same.view().duration);
  double estimate_error = 0, result_error = 0;
  for (const auto& t : same.truth) {
    estimate_error += std::abs(estimate.start_of(t.turn) - t.start);
    double placed = r.turns[t.turn] ? r.turns[t.turn]->start : estimate.start_of(t.turn);
    result_error += std::abs(placed - t.start);
  }
  CHECK(result_error <= estimate_error);  // never worse than the estimate, in sum
  REQUIRE_FALSE(r.notes.empty());
  CHECK(r.notes[0].find("too much alike") != std::string::npos);
}
