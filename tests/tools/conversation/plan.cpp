#include "plan.h"

namespace conv {
namespace {

// Pauses, in seconds.
constexpr Range kPhrasePause{0.10, 0.40};    // between two phrases of one sentence
constexpr Range kSentencePause{0.20, 0.80};  // between sentences of a turn, and in an aside
constexpr Range kTurnGap{0.25, 1.20};
constexpr Range kQuickReply{0.05, 0.20};  // a turn gap, now and then
constexpr double kQuickReplyChance = 0.1;

// Turns: 1 + a geometric count of mean 3 phrases, or now and then a long one.
constexpr double kMeanExtraPhrases = 3;
constexpr double kLongTurnChance = 0.1;
constexpr int kLongTurnMinPhrases = 10;
constexpr int kMaxPhrases = 40;

// The untranscribed stretch.
constexpr Range kMusicSeconds{20, 60};
constexpr Range kAsideSeconds{10, 40};
constexpr double kUntranscribedDb = -24;
constexpr double kFadeSeconds = 0.05;  // a music cut fades in and out rather than click

// Text.
constexpr double kCharsPerSecond = 4.4;
constexpr int kCommaMin = 6, kCommaMax = 14;  // characters between commas
constexpr double kQuestionChance = 0.15;
// 300 common characters. Each is a 3-byte UTF-8 sequence (CJK Unified Ideographs), so the n-th
// is at byte 3n.
constexpr std::string_view kHanPool =
    "的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年"
    "得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然"
    "没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头"
    "面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二"
    "理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最"
    "间新什打便位因重被走电四门相次东海口使教西再平真听世气信北少"
    "关并内加化由却代先山五太水万市眼体别处总才场师书比住员九笑性"
    "通目华报立马张活难神数件安表原车白应路期叫常提感金何更反合放"
    "做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风干"
    "接它许八特觉望直服林题建南度统色字请交爱让认算论百吃义科怎元";
static_assert(kHanPool.size() == 300 * 3);

// Backchannels: the start of one phrase (at most this long), over the end of the turn before by
// up to kBackchannelOverlap, and never by more than the phrase less kBackchannelOwn (it must end
// after the turn it answers does).
constexpr double kBackchannelSeconds = 0.6, kBackchannelOverlap = 0.4, kBackchannelOwn = 0.1;
constexpr std::string_view kBackchannelText = "是的。";

// Where each chapter should end, in seconds: lengths uniform in [chapter-min, chapter-max]
// minutes, the last taking what is left.
std::vector<double> plan_chapter_ends(const Options& o, Rng& rng) {
  const double total = o.minutes * 60;
  std::vector<double> ends;
  while (ends.empty() || ends.back() < total) {
    double end = (ends.empty() ? 0 : ends.back()) + rng.uniform(o.chapter_min, o.chapter_max) * 60;
    // A remainder under a minute would be a stub chapter; this one takes it instead.
    if (total - end < 60) end = total;
    ends.push_back(end);
  }
  return ends;
}

std::size_t next_speaker(std::size_t last, std::size_t voices, double same_chance, Rng& rng) {
  if (voices == 1 || rng.chance(same_chance)) return last;
  if (voices == 2) return 1 - last;
  std::size_t other = rng.index(voices - 1);
  return other >= last ? other + 1 : other;
}

int phrase_count(Rng& rng) {
  if (rng.chance(kLongTurnChance)) return rng.integer(kLongTurnMinPhrases, kMaxPhrases);
  // Failures before a success of chance p number (1 - p) / p on average.
  constexpr double p = 1 / (1 + kMeanExtraPhrases);
  int n = 1;
  while (n < kMaxPhrases && !rng.chance(p)) ++n;
  return n;
}

double turn_gap(Rng& rng) {
  return rng.chance(kQuickReplyChance) ? rng.uniform(kQuickReply) : rng.uniform(kTurnGap);
}

// Text for a sentence of `seconds` of speech, only roughly proportional to it, as a translation's
// would be.
std::string sentence_text(double seconds, double jitter, Rng& rng) {
  double factor = std::exp(rng.normal(jitter));
  long n = std::max(2L, std::lround(seconds * kCharsPerSecond * factor));
  std::string text;
  int until_comma = rng.integer(kCommaMin, kCommaMax);
  for (long i = 0; i < n; ++i) {
    text += kHanPool.substr(3 * rng.index(kHanPool.size() / 3), 3);
    if (--until_comma == 0 && i + 1 < n) {
      text += "，";
      until_comma = rng.integer(kCommaMin, kCommaMax);
    }
  }
  return text + (rng.chance(kQuestionChance) ? "？" : "。");
}

Turn plan_turn(std::size_t speaker, std::size_t chapter, Voice& voice, const Options& o, Rng& rng,
               Decoder& decoder) {
  Turn turn{speaker, chapter, {}, {}, false};
  const int phrases = phrase_count(rng);
  for (int done = 0; done < phrases;) {
    const std::size_t sentence = turn.slots.empty() ? 0 : turn.slots.back().sentence + 1;
    const int in_sentence = std::min(phrases - done, rng.chance(0.5) ? 2 : 1);
    double seconds = 0;
    for (int k = 0; k < in_sentence; ++k, ++done) {
      double pause = k > 0 ? rng.uniform(kPhrasePause) : done > 0 ? rng.uniform(kSentencePause) : turn_gap(rng);
      const Samples& phrase = voice.next(rng, decoder);
      turn.slots.push_back({phrase, decoder.samples(pause), sentence});
      seconds += double(phrase.size()) / decoder.rate();
    }
    turn.text += sentence_text(seconds, o.text_jitter, rng);
  }
  return turn;
}

std::int64_t turn_length(const Turn& turn) {
  std::int64_t length = 0;
  for (const Slot& slot : turn.slots) length += slot.pause_before + std::int64_t(slot.phrase.size());
  return length;
}

// A backchannel by another speaker than the one of `answered`: the start of one of their
// phrases, over the end of that turn.
Turn backchannel_turn(const Turn& answered, std::size_t voices, std::vector<Voice>& all, Rng& rng, Decoder& decoder) {
  std::size_t speaker = next_speaker(answered.speaker, voices, 0, rng);
  std::span<const float> phrase = all[speaker].next(rng, decoder);
  phrase = phrase.first(std::min(phrase.size(), std::size_t(decoder.samples(kBackchannelSeconds))));
  double seconds = double(phrase.size()) / decoder.rate();
  double overlap = rng.uniform(0, std::min(kBackchannelOverlap, seconds - kBackchannelOwn));
  Turn turn{speaker, answered.chapter, {}, std::string(kBackchannelText), true};
  turn.slots.push_back({phrase, -decoder.samples(overlap), 0});
  return turn;
}

}  // namespace

std::vector<Turn> plan_turns(const Options& o, std::vector<Voice>& voices, Rng& rng, Decoder& decoder) {
  const std::vector<double> chapter_ends = plan_chapter_ends(o, rng);
  std::vector<Turn> turns;
  std::int64_t length = 0;
  std::size_t speaker = rng.index(voices.size());
  for (std::size_t chapter = 0; chapter < chapter_ends.size(); ++chapter) {
    do {
      if (!turns.empty()) speaker = next_speaker(speaker, voices.size(), o.same_speaker, rng);
      turns.push_back(plan_turn(speaker, chapter, voices[speaker], o, rng, decoder));
      length += turn_length(turns.back());
      // (No draw at all without --backchannel: the conversations made without it stay the same.)
      if (o.backchannel > 0 && voices.size() > 1 && rng.chance(o.backchannel)) {
        turns.push_back(backchannel_turn(turns.back(), voices.size(), voices, rng, decoder));
        length += turn_length(turns.back());
      }
    } while (length < decoder.samples(chapter_ends[chapter]));
  }
  return turns;
}

Samples music_cut(const fs::path& dir, Range seconds, double db, const std::string& option, Rng& rng,
                  Decoder& decoder) {
  std::vector<fs::path> files = list_prompts(dir, option);
  const fs::path& file = files[rng.index(files.size())];
  Samples whole = decoder.decode({file}).front();
  const auto wanted = std::size_t(decoder.samples(rng.uniform(seconds)));
  if (whole.size() < std::size_t(decoder.samples(1.0)))
    throw Failure(file.string() + " holds under a second of audio; expected music to cut from");
  // A file shorter than the cut is played again from its start (a long ad over a short jingle).
  for (std::size_t once = whole.size(); whole.size() < wanted;) whole.insert(whole.end(), whole.begin(), whole.begin() + std::ptrdiff_t(once));
  const std::size_t length = std::min(whole.size(), wanted);
  std::size_t from = rng.index(whole.size() - length + 1);
  Samples cut(whole.begin() + std::ptrdiff_t(from), whole.begin() + std::ptrdiff_t(from + length));
  if (mean_square(cut) == 0) throw Failure(file.string() + " is silent where it was cut; expected music");
  scale_to_rms(cut, db);
  std::size_t fade = std::size_t(decoder.samples(kFadeSeconds));
  for (std::size_t i = 0; i < fade; ++i) {
    float gain = float(i) / float(fade);
    cut[i] *= gain;
    cut[length - 1 - i] *= gain;
  }
  return cut;
}

Samples phrases_until(Voice& voice, double seconds, double longest, Rng& rng, Decoder& decoder) {
  const auto target = std::size_t(decoder.samples(seconds));
  const auto most = std::size_t(decoder.samples(longest));
  Samples audio;
  while (audio.size() < target) {
    std::size_t pause = audio.empty() ? 0 : std::size_t(decoder.samples(rng.uniform(kSentencePause)));
    const Samples& phrase = voice.next(rng, decoder);
    if (!audio.empty() && audio.size() + pause + phrase.size() > most) break;
    audio.resize(audio.size() + pause, 0.f);
    audio.insert(audio.end(), phrase.begin(), phrase.end());
  }
  return audio;
}

// The --music or --aside stretch, between two turns of one chapter.
std::optional<Stretch> plan_stretch(const Options& o, const std::vector<Turn>& turns, Rng& rng, Decoder& decoder) {
  if (!o.music && !o.aside) return std::nullopt;
  std::vector<std::size_t> places;
  for (std::size_t k = 1; k < turns.size(); ++k)
    if (turns[k].chapter == turns[k - 1].chapter && !turns[k].backchannel) places.push_back(k);
  if (places.empty()) throw Failure("no chapter has two turns to put the untranscribed stretch between");
  std::size_t before_turn = places[rng.index(places.size())];
  std::int64_t pause = decoder.samples(turn_gap(rng));
  if (o.music) return Stretch{"music", music_cut(*o.music, kMusicSeconds, kUntranscribedDb, "--music", rng, decoder), before_turn, pause};
  Voice voice("--aside", *o.aside, kUntranscribedDb);
  double seconds = rng.uniform(kAsideSeconds);
  return Stretch{"aside", phrases_until(voice, seconds, kAsideSeconds.hi, rng, decoder), before_turn, pause};
}

}  // namespace conv
