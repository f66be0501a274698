// A listener with audio the transcript doesn't fully cover (an ad inserted): the alignment finds
// the stretch, no turn is highlighted in it, K skips it, and the audio the player wrote goes from the sample before the
// stretch straight to the sample after it (SDL's disk driver, compared with the decoded file).
#include <catch2/catch.hpp>

#include <SDL_keycode.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "heard_audio.h"
#include "ui_fixtures.h"

using namespace tingdu;

TEST_CASE("ui: K skips the stretch the transcript doesn't have, sample to sample, and is kept per episode", "[ui][untranscribed]") {
  const auto dir = test::ui_temp_dir() / "ad-conversation";
  std::filesystem::remove_all(dir);
  const std::string sounds = "/usr/share/asterisk/sounds";
  std::string cmd = std::string(TINGDU_MAKE_CONVERSATION) + " --out " + dir.string() + " --voice Allison=" + sounds +
                    "/en_US_f_Allison --voice Carlo=" + sounds + "/it_IT_m_Carlo --minutes 5 --chapter-min 1 --chapter-max 2"
                    " --seed 44 --ad-voice " + sounds + "/fr --insert 114:45 --format flac >/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const auto audio = dir / "conversation.flac", out = dir / "heard.f32";
  setenv("XDG_STATE_HOME", (dir / "state").c_str(), 1);
  test::use_disk_driver(out);
  double s = 0, e = 0;
  int rate = 0;
  {
    ui::Session session;
    REQUIRE(session.open((dir / "conversation.md").string(), audio.string()).empty());
    REQUIRE(test::wait_until(session, [&] { return session.alignment().has_value(); }, 120));
    REQUIRE(session.alignment()->untranscribed.size() == 1);
    s = session.alignment()->untranscribed[0].start;
    e = session.alignment()->untranscribed[0].end;
    CHECK(s == Approx(114.2).margin(1.0));  // the ad, as the generator's truth has it
    CHECK(e == Approx(158.6).margin(1.5));
    rate = session.player().output_rate();
    test::Headless h(session);
    // Inside the ad (not skipped yet) no turn and no sentence is highlighted: none is spoken.
    session.seek((s + e) / 2);
    CHECK_FALSE(session.current_turn());
    CHECK_FALSE(session.current_sentence());
    session.seek(s - 1.0);
    CHECK(session.current_turn());
    h.view.handle_key(SDLK_k, 0);
    CHECK(session.skip_untranscribed());
    session.play();
    REQUIRE(test::wait_until(session, [&] { return session.position() > e + 1.0; }, 60));
    session.close();
  }
  // Kept per episode: reopened, it still skips.
  {
    test::use_disk_driver(dir / "second.f32");
    ui::Session again;
    REQUIRE(again.open((dir / "conversation.md").string(), audio.string()).empty());
    CHECK(again.skip_untranscribed());
    again.close();
  }
  setenv("SDL_AUDIODRIVER", "dummy", 1);

  const auto source = test::decoded_f32(audio, rate, dir / "source.f32"), heard = test::read_f32(out);
  const auto S = std::size_t(std::llround(s * rate)), E = std::size_t(std::llround(e * rate));
  const std::size_t A = S - std::size_t(rate) / 2;
  // Where the half second before the stretch was heard...
  const std::size_t at = test::find_samples(heard, source, A);
  REQUIRE(at < heard.size());
  // ...then up to the stretch's start, and at once from its end.
  const std::size_t seam = at + (S - A);
  REQUIRE(seam + 4096 < heard.size());
  CHECK(std::equal(source.begin() + std::ptrdiff_t(A), source.begin() + std::ptrdiff_t(S), heard.begin() + std::ptrdiff_t(at)));
  CHECK(std::equal(source.begin() + std::ptrdiff_t(E), source.begin() + std::ptrdiff_t(E + 4096), heard.begin() + std::ptrdiff_t(seam)));
}
