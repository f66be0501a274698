// A listener going to the next chapter on aligned real voices (issue 19, item 3): PageDown and L
// start the chapter where its first words are heard, not a second into them, and the audio the
// player wrote (SDL's disk driver, compared with the decoded file) holds those first words; from
// a chapter's first line PageDown goes on to the next one.
#include <catch2/catch.hpp>

#include <SDL_keycode.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "heard_audio.h"
#include "ui_fixtures.h"

using namespace tingdu;

TEST_CASE("ui: PageDown and L start a chapter where its first words are heard, and they are played", "[ui][chapters]") {
  const auto dir = test::ui_temp_dir() / "chapter-starts";
  std::filesystem::remove_all(dir);
  const std::string sounds = "/usr/share/asterisk/sounds";
  std::string cmd = std::string(TINGDU_MAKE_CONVERSATION) + " --out " + dir.string() + " --voice Allison=" + sounds +
                    "/en_US_f_Allison --voice Carlo=" + sounds + "/it_IT_m_Carlo --minutes 5 --chapter-min 1 --chapter-max 2"
                    " --seed 44 --format flac >/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream truth_file(dir / "conversation.truth.json");
  const auto truth = nlohmann::json::parse(truth_file);
  REQUIRE(truth["chapters"].size() >= 2);
  // Where chapter 2's first turn is truly spoken.
  const double spoken = truth["chapters"][1]["start"].get<double>();
  const auto audio = dir / "conversation.flac", out = dir / "heard.f32";
  setenv("XDG_STATE_HOME", (dir / "state").c_str(), 1);
  test::use_disk_driver(out);
  double start = 0;
  int rate = 0;
  {
    ui::Session session;
    REQUIRE(session.open((dir / "conversation.md").string(), audio.string()).empty());
    REQUIRE(test::wait_until(session, [&] { return session.alignment().has_value(); }, 120));
    rate = session.player().output_rate();
    test::Headless h(session);
    // Listening near the end of chapter 1, then PageDown.
    session.seek(spoken - 6.0);
    session.play();
    REQUIRE(test::wait_until(session, [&] { return session.position() > spoken - 5.0; }, 60));
    h.view.handle_key(SDLK_PAGEDOWN, 0);
    start = session.position();
    CHECK(start == Approx(session.timeline().chapters()[1].start).margin(0.01));
    CHECK(start <= spoken + 0.05);  // its first words are not cut
    CHECK(start >= spoken - 1.0);   // nor is the chapter before replayed
    REQUIRE(test::wait_until(session, [&] { return session.position() > spoken + 1.5; }, 60));
    // L loops the same chapter from the same start.
    h.view.handle_key(SDLK_l, 0);
    REQUIRE(session.loop());
    CHECK(session.loop()->first == Approx(start).margin(0.001));
    session.clear_loop();
    // The listener anchors chapter 2's first turn where it is heard, at a time that falls between
    // two samples (0.3 of one past a sample): the chapter starts there too.
    const auto& chapters = session.timeline().chapters();
    REQUIRE(chapters[1].first_turn);
    const double anchored = (std::floor(spoken * rate) + 0.3) / rate;
    session.anchor_turn(*chapters[1].first_turn, anchored);
    CHECK(chapters[1].start == anchored);
    // The re-alignment around the anchor runs in the background and may move other chapters a
    // little: wait for it, so that it doesn't land between a PageDown and what is checked of it.
    REQUIRE(test::wait_until(session, [&] { return session.last_message().rfind("aligned to the audio", 0) == 0; }, 120));
    CHECK(chapters[1].start == anchored);
    // Paused, from the top: each PageDown goes on to the next chapter, from a chapter's very first
    // line too (the playhead, moved to a start, reads back the sample before it), and L there
    // loops that chapter, not the one before.
    session.pause();
    h.view.handle_key(SDLK_HOME, 0);
    for (std::size_t c = 1; c < chapters.size(); ++c) {
      INFO("chapter " << c << " at " << chapters[c].start);
      h.view.handle_key(SDLK_PAGEDOWN, 0);
      int updates = 0;  // as the window's frames do, while the player takes the seek
      test::wait_until(session, [&] { return ++updates > 50; });
      // (A seek inside the pause's fade-out plays the rest of that fade there: up to 12 ms on.)
      CHECK(session.position() == Approx(chapters[c].start).margin(0.02));
      CHECK(session.current_chapter() == c);
      h.view.handle_key(SDLK_l, 0);
      REQUIRE(session.loop());
      CHECK(session.loop()->first == Approx(chapters[c].start).margin(0.001));
      session.clear_loop();
    }
    session.close();
  }
  setenv("SDL_AUDIODRIVER", "dummy", 1);

  // After the jump's fade-in, what was written is the file from the chapter's start through its
  // first words and a second more.
  const auto source = test::decoded_f32(audio, rate, dir / "source.f32"), heard = test::read_f32(out);
  const auto from = std::size_t(std::llround((start + media::AudioPlayer::kRampSeconds + 0.01) * rate));
  const auto to = std::size_t(std::llround((spoken + 1.0) * rate));
  REQUIRE(to < source.size());
  const std::size_t at = test::find_samples(heard, source, from);
  REQUIRE(at < heard.size());
  REQUIRE(at + (to - from) <= heard.size());
  CHECK(std::equal(source.begin() + std::ptrdiff_t(from), source.begin() + std::ptrdiff_t(to), heard.begin() + std::ptrdiff_t(at)));
}
