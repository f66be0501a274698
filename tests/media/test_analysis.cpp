// Audio analysis on files FFmpeg makes here: voice activity where the sound is (and a pause over
// digital silence), the same frames from any rate and channel count, progress, cancel, and bad files.
#include <catch2/catch.hpp>

#include <atomic>

#include "fixtures.h"
#include "media/analysis.h"

using namespace tingdu;

namespace {

// 1 s of quiet noise (a room), 2 s of a voiced sound (a 150 Hz buzz with harmonics, as a voice's
// pitch pulses are), 1 s of quiet noise; at `rate` Hz with `channels` channels.
std::filesystem::path buzz_between_quiet(const std::string& name, int rate, int channels) {
  auto out = test::media_dir() / name;
  if (std::filesystem::exists(out)) return out;
  std::string layout = channels == 1 ? "mono" : channels == 2 ? "stereo" : "5.1";
  std::string cmd = "ffmpeg -nostdin -y -loglevel error -f lavfi -i \"anoisesrc=d=4:c=pink:a=0.002:r=" + std::to_string(rate) +
                    "\" -f lavfi -i \"aevalsrc='0.25*(sin(2*PI*150*t)+0.5*sin(2*PI*300*t)+0.3*sin(2*PI*450*t))':d=2:s=" +
                    std::to_string(rate) + "\" -filter_complex \"[1]adelay=1000,apad[v];[0][v]amix=inputs=2:duration=first:normalize=0," +
                    "aformat=channel_layouts=" + layout + "\" " + out.string();
  REQUIRE(test::run_command(cmd) == 0);
  return out;
}

double speech_share(const media::AudioFeatures& f, double from, double to) {
  std::size_t a = f.frame_at(from), b = f.frame_at(to), n = 0;
  for (std::size_t i = a; i < b; ++i) n += f.speech[i];
  return b > a ? double(n) / double(b - a) : 0.0;
}

}  // namespace

TEST_CASE("analysis: voice activity where the voiced sound is, not in the quiet around it", "[media][analysis]") {
  auto r = media::analyze_audio(buzz_between_quiet("buzz-44k.wav", 44100, 1).string());
  REQUIRE(r.features);
  const auto& f = *r.features;
  CHECK(f.duration == Approx(4.0).margin(0.02));
  // A frame every 10 ms, the last whole 25 ms window ending by the end.
  CHECK(std::llabs(std::int64_t(f.frames()) - std::llround((f.duration - 0.015) / media::AudioFeatures::kHopSeconds)) <= 1);
  CHECK(f.cepstra.size() == f.frames() * media::AudioFeatures::kCepstra);
  CHECK(speech_share(f, 1.1, 2.9) > 0.95);
  CHECK(speech_share(f, 0.0, 0.9) < 0.05);
  CHECK(speech_share(f, 3.1, 4.0) < 0.05);
  // The noise floor is the quiet parts' level, far under the sound's.
  CHECK(f.noise_floor_db < f.energy[f.frame_at(2.0)] - 20);
}

TEST_CASE("analysis: a short pause over digital silence is a pause, though a faint tail is in it", "[media][analysis]") {
  // Synthetic and gated recordings (a text-to-speech narration, a studio's noise gate) are
  // digital silence between phrases, so the floor is -100 dBFS; the 0.12 s pause that ends a
  // sentence still holds the last syllable's tail at -65 dBFS. That is no voice.
  auto out = test::media_dir() / "buzz-pause-over-silence.wav";
  if (!std::filesystem::exists(out)) {
    const std::string voice = "(sin(2*PI*150*t)+0.5*sin(2*PI*300*t)+0.3*sin(2*PI*450*t))";
    std::string cmd = "ffmpeg -nostdin -y -loglevel error -f lavfi -i \"aevalsrc='(between(t,1,2)+between(t,2.12,3.12))*0.25*" + voice +
                      "+(gt(t,2)*lt(t,2.12))*0.0005*" + voice + "':d=4:s=16000\" " + out.string();
    REQUIRE(test::run_command(cmd) == 0);
  }
  auto r = media::analyze_audio(out.string());
  REQUIRE(r.features);
  const auto& f = *r.features;
  CHECK(speech_share(f, 1.1, 1.95) > 0.95);
  CHECK(speech_share(f, 2.2, 3.05) > 0.95);
  CHECK(speech_share(f, 2.04, 2.09) == 0.0);
  CHECK(speech_share(f, 0.0, 0.9) == 0.0);
}

TEST_CASE("analysis: any rate and channel count gives the same frames", "[media][analysis]") {
  auto base = media::analyze_audio(buzz_between_quiet("buzz-44k.wav", 44100, 1).string());
  REQUIRE(base.features);
  for (auto [rate, channels] : {std::pair{8000, 1}, std::pair{48000, 2}, std::pair{22050, 6}}) {
    INFO(rate << " Hz, " << channels << " channels");
    auto path = buzz_between_quiet("buzz-" + std::to_string(rate) + "-" + std::to_string(channels) + ".wav", rate, channels);
    auto r = media::analyze_audio(path.string());
    REQUIRE(r.features);
    const auto& f = *r.features;
    CHECK(std::llabs(std::int64_t(f.frames()) - std::int64_t(base.features->frames())) <= 1);
    std::size_t same = 0, n = std::min(f.frames(), base.features->frames());
    for (std::size_t i = 0; i < n; ++i) same += f.speech[i] == base.features->speech[i];
    CHECK(double(same) / double(n) > 0.97);
  }
}

TEST_CASE("analysis: progress rises to the end, and cancel stops it", "[media][analysis]") {
  auto path = test::make_audio("analysis-long.flac", 30.0, "-c:a flac").string();
  std::vector<double> seen;
  media::AnalysisOptions options;
  options.progress = [&](double done) {
    seen.push_back(done);
    return true;
  };
  auto r = media::analyze_audio(path, options);
  REQUIRE(r.features);
  REQUIRE(seen.size() >= 2);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(seen.back() == Approx(1.0).margin(0.05));
  // Cancelled from "another thread" (here the progress callback sets the flag).
  std::atomic<bool> cancel{false};
  media::AnalysisOptions stop;
  stop.cancel = &cancel;
  stop.progress = [&](double) {
    cancel = true;
    return true;
  };
  auto c = media::analyze_audio(path, stop);
  CHECK(c.cancelled);
  CHECK_FALSE(c.features);
  CHECK(c.error.empty());
  // A progress callback that says no stops it too.
  media::AnalysisOptions no;
  no.progress = [](double) { return false; };
  CHECK(media::analyze_audio(path, no).cancelled);
}

TEST_CASE("analysis: a missing or non-audio file is an error naming it", "[media][analysis]") {
  auto missing = media::analyze_audio((test::media_dir() / "nope.mp3").string());
  CHECK_FALSE(missing.features);
  CHECK(missing.error.find("nope.mp3") != std::string::npos);
  auto text = test::media_dir() / "not-audio.mp3";
  std::ofstream(text) << "this is not audio\n";
  auto bad = media::analyze_audio(text.string());
  CHECK_FALSE(bad.features);
  CHECK(bad.error.find("not-audio.mp3") != std::string::npos);
}
