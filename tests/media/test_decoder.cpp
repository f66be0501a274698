// The decoder on its own: sample-exact decoding and exact seeks in every format.
#include <catch2/catch.hpp>

#include "decoder.h"
#include "fixtures.h"
#include "seek_index.h"

using namespace tingdu;

namespace {

std::vector<float> decode_all(const std::filesystem::path& path) {
  std::string error;
  auto d = media::Decoder::open(path.string(), test::kRate, 1, error);
  REQUIRE(d);
  std::vector<float> out;
  std::vector<float> buf(4096);
  while (std::size_t n = d->read(buf.data(), buf.size())) out.insert(out.end(), buf.begin(), buf.begin() + std::ptrdiff_t(n));
  return out;
}

}  // namespace

TEST_CASE("decoder: lossless files decode to the exact signal", "[media][decoder]") {
  for (const char* name : {"d.wav", "d.flac"}) {
    INFO(name);
    auto path = test::make_audio(name, 4.0, std::string(name).ends_with("wav") ? "-c:a pcm_s16le" : "-c:a flac");
    auto all = decode_all(path);
    REQUIRE(all.size() == std::size_t(4 * test::kRate));
    for (std::size_t i = 0; i < all.size(); ++i)
      if (all[i] != test::pattern(std::int64_t(i))) FAIL("sample " << i << " is " << all[i]);
  }
}

TEST_CASE("decoder: seeks are exact to the sample (lossless)", "[media][decoder][seek]") {
  auto path = test::make_audio("s.flac", 10.0, "-c:a flac");
  std::string error;
  auto d = media::Decoder::open(path.string(), test::kRate, 1, error);
  REQUIRE(d);
  std::vector<float> buf(256);
  for (std::int64_t target : {std::int64_t(0), std::int64_t(1), std::int64_t(47999), std::int64_t(123457),
                              std::int64_t(9 * test::kRate + 17), std::int64_t(2 * test::kRate)}) {
    INFO("target " << target);
    REQUIRE(d->seek(double(target)));
    CHECK(d->position() == double(target));
    REQUIRE(d->read(buf.data(), buf.size()) == buf.size());
    for (std::size_t i = 0; i < buf.size(); ++i) REQUIRE(buf[i] == test::pattern(target + std::int64_t(i)));
  }
  REQUIRE(d->seek(10.0 * test::kRate));
  CHECK(d->read(buf.data(), buf.size()) == 0);  // at the end
}

TEST_CASE("decoder: seeks in lossy files land on the offline decode", "[media][decoder][seek]") {
  struct Case {
    const char* name;
    const char* args;
  };
  for (Case c : {Case{"s_cbr.mp3", "-c:a libmp3lame -b:a 128k"}, Case{"s_vbr.mp3", "-c:a libmp3lame -q:a 2"},
                 Case{"s.m4a", "-c:a aac -b:a 128k"}, Case{"s.opus", "-c:a libopus -b:a 96k"},
                 Case{"s.ogg", "-c:a libvorbis -q:a 6"}}) {
    INFO(c.name);
    auto path = test::make_audio(c.name, 8.0, c.args);
    auto all = decode_all(path);
    REQUIRE(all.size() > std::size_t(7.9 * test::kRate));
    std::string error;
    auto d = media::Decoder::open(path.string(), test::kRate, 1, error);
    REQUIRE(d);
    std::vector<float> buf(2048);
    for (double seconds : {0.5, 3.21, 6.0, 1.0}) {
      auto target = std::int64_t(seconds * test::kRate);
      REQUIRE(d->seek(double(target)));
      REQUIRE(d->read(buf.data(), buf.size()) == buf.size());
      double worst = 0;
      for (std::size_t i = 0; i < buf.size(); ++i) worst = std::max(worst, double(std::abs(buf[i] - all[std::size_t(target) + i])));
      INFO("seek to " << seconds << " s: largest difference from the offline decode " << worst);
      CHECK(worst < 0.02);  // codec state converges during the pre-roll; a wrong position differs by far more
    }
  }
}

TEST_CASE("decoder: media time 0 is where the ffmpeg command line puts it", "[media][decoder]") {
  // An independent reference for the offline decode above: ffmpeg's own decode of the same file
  // (same codec library, its own priming and padding handling).
  struct Case {
    const char* name;
    const char* args;
  };
  for (Case c : {Case{"s_cbr.mp3", "-c:a libmp3lame -b:a 128k"}, Case{"s.m4a", "-c:a aac -b:a 128k"},
                 Case{"s.opus", "-c:a libopus -b:a 96k"}, Case{"s.ogg", "-c:a libvorbis -q:a 6"}}) {
    const char* name = c.name;
    INFO(name);
    auto path = test::make_audio(name, 8.0, c.args);
    REQUIRE(!path.empty());
    auto ref = test::media_dir() / (std::string(name) + ".ref.f32");
    REQUIRE(test::run_command("ffmpeg -nostdin -y -loglevel error -i " + path.string() + " -f f32le -ac 1 -ar 48000 " +
                              ref.string()) == 0);
    auto theirs = test::read_f32(ref);
    auto ours = decode_all(path);
    CHECK(std::abs(double(ours.size()) - double(theirs.size())) < 2048);
    double worst = 0;
    for (std::size_t i = 0; i < std::min(ours.size(), theirs.size()); ++i)
      worst = std::max(worst, double(std::abs(ours[i] - theirs[i])));
    CHECK(worst < 1e-4);
  }
}

TEST_CASE("seek index: VBR MP3 packets with exact times", "[media][decoder][index]") {
  auto path = test::make_audio("i_vbr.mp3", 6.0, "-c:a libmp3lame -q:a 2");
  std::string error;
  auto d = media::Decoder::open(path.string(), test::kRate, 1, error);
  REQUIRE(d);
  auto index = media::SeekIndex::scan(path.string(), d->stream_index(), nullptr);
  REQUIRE(index);
  CHECK(index->size() > 200);  // 6 s of 1152-sample frames is 250
  auto all = decode_all(path);
  d->set_index(std::make_shared<const media::SeekIndex>(std::move(*index)));
  std::vector<float> buf(1024);
  auto target = std::int64_t(4.321 * test::kRate);
  REQUIRE(d->seek(double(target)));
  REQUIRE(d->read(buf.data(), buf.size()) == buf.size());
  double worst = 0;
  for (std::size_t i = 0; i < buf.size(); ++i) worst = std::max(worst, double(std::abs(buf[i] - all[std::size_t(target) + i])));
  CHECK(worst < 0.02);
}
