#include "listener_cut.h"

#include <string>

namespace conv {
namespace {

constexpr double kAdPad = 0.5;            // seconds of the noise floor either side of an ad
constexpr double kAdVoiceDb = -20;        // a sponsor read, as loud as the conversation
constexpr double kAdMusicUnderDb = -32;   // the music under it
constexpr double kAdMusicAloneDb = -24;   // music alone (a jingle)
constexpr double kAdVoiceLead = 0.8;      // seconds of music before the voice starts
constexpr double kIntroMargin = 0.5;      // the audio starts this long before the first turn kept

struct Insertion {
  std::int64_t at;  // in the master, inside a pause
  std::size_t ad;   // index into ads
  std::string kind;
};

// Where an ad goes for "at `seconds` of the master": in the pause before the first turn (not a
// backchannel) starting at or after it, halfway between that turn and the sound before it.
std::int64_t boundary_at_or_after(double seconds, const std::vector<Turn>& turns, const Layout& master, int rate) {
  const auto wanted = std::int64_t(std::llround(seconds * rate));
  for (std::size_t k = 0; k < turns.size(); ++k) {
    if (turns[k].backchannel || master.turns[k].start < wanted) continue;
    std::int64_t before = 0;
    for (const Clip& c : master.clips)
      if (c.at < master.turns[k].start) before = std::max(before, c.at + std::int64_t(c.sound.size()));
    return (before + master.turns[k].start) / 2;
  }
  throw Failure("--insert " + std::to_string(seconds) + ": no turn starts at or after it (the master lasts " +
                std::to_string(double(master.length) / rate) + " s)");
}

// An ad of `seconds`: the voice reads over the music, or either plays alone.
Samples make_ad(const Options& o, double seconds, std::optional<Voice>& voice, Rng& rng, Decoder& decoder) {
  Samples ad;
  if (o.ad_music)
    ad = music_cut(*o.ad_music, {seconds, seconds}, voice ? kAdMusicUnderDb : kAdMusicAloneDb, "--ad-music", rng, decoder);
  if (voice) {
    const double lead = o.ad_music ? kAdVoiceLead : 0;
    Samples read = phrases_until(*voice, seconds - 2 * lead, seconds - lead, rng, decoder);
    const auto from = std::size_t(decoder.samples(lead));
    ad.resize(std::max(ad.size(), from + read.size()), 0.f);
    for (std::size_t i = 0; i < read.size(); ++i) ad[from + i] += read[i];
  }
  return ad;
}

// The ad's sounding part: from its first to its last sample that is not silent.
Span sounding(const Samples& ad) {
  std::size_t first = 0, last = ad.size();
  while (first < ad.size() && ad[first] == 0) ++first;
  while (last > first && ad[last - 1] == 0) --last;
  return {std::int64_t(first), std::int64_t(last)};
}

}  // namespace

ListenerCut listener_cut(const Options& o, const std::vector<Turn>& turns, const Layout& master, Rng& rng,
                         Decoder& decoder) {
  ListenerCut cut;
  const int rate = decoder.rate();
  std::optional<Voice> voice;
  if (o.ad_voice) voice.emplace("--ad-voice", *o.ad_voice, kAdVoiceDb);
  // The ads first, all of them, so that the clips can point into `ads` once it no longer grows.
  std::vector<Insertion> insertions;
  if (o.preroll > 0) {
    cut.ads.push_back(make_ad(o, o.preroll, voice, rng, decoder));
    insertions.push_back({0, 0, "preroll"});
  }
  for (const InsertArg& a : o.inserts) {
    insertions.push_back({boundary_at_or_after(a.at, turns, master, rate), cut.ads.size(), "ad"});
    cut.ads.push_back(make_ad(o, a.length, voice, rng, decoder));
  }
  std::stable_sort(insertions.begin(), insertions.end(), [](auto& a, auto& b) { return a.at < b.at; });
  if (o.cut_intro > 0) {
    std::int64_t boundary = boundary_at_or_after(o.cut_intro, turns, master, rate);
    std::size_t first = 0;
    while (master.turns[first].start < boundary) ++first;
    cut.left_out = std::max(boundary, master.turns[first].start - decoder.samples(kIntroMargin));
    if (!insertions.empty() && insertions.front().at < cut.left_out)
      throw Failure("--insert: an ad inside the start --cut-intro leaves out");
  }
  const std::int64_t pad = decoder.samples(kAdPad);
  // Master sample -> listener sample: less what was left out, plus the ads inserted before it.
  auto to_listener = [&](std::int64_t x) {
    std::int64_t shift = -cut.left_out;
    for (const Insertion& i : insertions)
      if (i.at <= x) shift += 2 * pad + std::int64_t(cut.ads[i.ad].size());
    return x + shift;
  };
  auto span_to_listener = [&](Span s) { return Span{to_listener(s.start), to_listener(s.start) + (s.end - s.start)}; };

  Layout& out = cut.layout;
  for (const Clip& c : master.clips)
    if (c.at >= cut.left_out) out.clips.push_back({to_listener(c.at), c.sound});
  for (std::size_t k = 0; k < master.turns.size(); ++k) {
    out.heard.push_back(master.turns[k].start >= cut.left_out);
    out.turns.push_back(span_to_listener(master.turns[k]));
    out.sentences.emplace_back();
    for (Span s : master.sentences[k]) out.sentences.back().push_back(span_to_listener(s));
  }
  for (const Untranscribed& u : master.untranscribed)
    if (u.span.start >= cut.left_out) out.untranscribed.push_back({span_to_listener(u.span), u.kind});
  std::int64_t shift_before = -cut.left_out;  // of the insertions so far
  for (const Insertion& i : insertions) {
    const Samples& ad = cut.ads[i.ad];
    const std::int64_t at = i.at + shift_before + pad;
    out.clips.push_back({at, ad});
    Span s = sounding(ad);
    out.untranscribed.push_back({{at + s.start, at + s.end}, i.kind});
    shift_before += 2 * pad + std::int64_t(ad.size());
  }
  std::sort(out.untranscribed.begin(), out.untranscribed.end(),
            [](auto& a, auto& b) { return a.span.start < b.span.start; });
  out.length = to_listener(master.length);
  return cut;
}

}  // namespace conv
