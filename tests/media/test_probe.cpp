// Probing real files that FFmpeg's encoders made.
#include <catch2/catch.hpp>

#include "fixtures.h"
#include "media/probe.h"

using namespace tingdu;

TEST_CASE("probe: each format's codec, rate and duration", "[media][probe]") {
  struct Case {
    const char* name;
    const char* args;
    const char* codec;
  };
  for (Case c : {Case{"p.wav", "-c:a pcm_s16le", "pcm_s16le"}, Case{"p.flac", "-c:a flac", "flac"},
                 Case{"p_cbr.mp3", "-c:a libmp3lame -b:a 128k", "mp3"}, Case{"p_vbr.mp3", "-c:a libmp3lame -q:a 4", "mp3"},
                 Case{"p.m4a", "-c:a aac -b:a 96k", "aac"}, Case{"p.opus", "-c:a libopus -b:a 48k", "opus"},
                 Case{"p.ogg", "-c:a libvorbis -q:a 3", "vorbis"}}) {
    INFO(c.name);
    auto path = test::make_audio(c.name, 3.0, c.args);
    REQUIRE(!path.empty());
    auto r = media::probe_audio(path.string());
    REQUIRE(r.info);
    CHECK(r.info->codec == c.codec);
    CHECK(r.info->sample_rate == 48000);
    CHECK(r.info->channels == 1);
    CHECK(r.info->duration == Approx(3.0).margin(0.08));
  }
}

TEST_CASE("probe: the audio of a video file", "[media][probe]") {
  auto path = test::make_audio("video.mkv", 2.0, "-c:a libvorbis -shortest", "-f lavfi -i color=c=blue:s=64x48:d=2 -c:v mpeg4");
  REQUIRE(!path.empty());
  auto r = media::probe_audio(path.string());
  REQUIRE(r.info);
  CHECK(r.info->codec == "vorbis");
  CHECK(r.info->stream_index == 1);
}

TEST_CASE("probe: chapters a container carries (MP3 ID3 CHAP, M4A)", "[media][probe]") {
  auto meta = test::media_dir() / "chapters.txt";
  std::ofstream(meta) << ";FFMETADATA1\ntitle=Episode\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Intro\n"
                         "[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=3000\ntitle=Second part\n";
  for (const char* name : {"chap.mp3", "chap.m4a"}) {
    INFO(name);
    std::string codec = std::string(name).ends_with("mp3") ? "-c:a libmp3lame" : "-c:a aac";
    auto path = test::make_audio(name, 3.0, "-map_metadata 1 -map_chapters 1 " + codec, "-i " + meta.string());
    REQUIRE(!path.empty());
    auto r = media::probe_audio(path.string());
    REQUIRE(r.info);
    REQUIRE(r.info->chapters.size() == 2);
    CHECK(r.info->chapters[1].title == "Second part");
    CHECK(r.info->chapters[1].start == Approx(1.5));
  }
}

TEST_CASE("probe: missing, non-audio and unreadable files are errors", "[media][probe]") {
  auto missing = media::probe_audio("/nonexistent/x.mp3");
  CHECK_FALSE(missing.info);
  CHECK(missing.error == "/nonexistent/x.mp3: no such file");
  auto text = test::media_dir() / "notes.txt";
  std::ofstream(text) << "just words, not audio\n";
  auto words = media::probe_audio(text.string());
  CHECK_FALSE(words.info);
  CHECK(words.error.find("notes.txt: not an audio file FFmpeg can read") != std::string::npos);
  auto image = test::make_audio("still.png", 0.1, "-frames:v 1 -map 1:v", "-f lavfi -i color=c=red:s=8x8");
  REQUIRE(!image.empty());
  auto r = media::probe_audio(image.string());
  CHECK_FALSE(r.info);
  CHECK(r.error.find("no audio stream") != std::string::npos);
}
