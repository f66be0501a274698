// A listener with a podcast feed, in the window: Ctrl+P, types the feed's address, gets an
// episode with its SRT transcript and hears it (the audio SDL's disk driver wrote). The feed and
// the files come from a real lighttpd on 127.0.0.1 (tests/feeds/test_server.h).
#include <catch2/catch.hpp>

#include <SDL_keycode.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "bundled_audio.h"
#include "default_episode.h"
#include "media/fixtures.h"
#include "podcast_library.h"
#include "test_server.h"
#include "ui_fixtures.h"

using namespace tingdu;

namespace {

// A feed of two episodes: "Good" (the pattern as FLAC, an SRT transcript, chapters) and
// "Broken" (the same audio, a transcript that is no subtitle file).
std::string serve_feed(const test::TestServer& server) {
  std::filesystem::copy_file(test::make_audio("podcast.flac", 20.0, "-c:a flac"), server.docroot() / "podcast.flac",
                             std::filesystem::copy_options::overwrite_existing);
  server.put("good.srt", "1\n00:00:00,000 --> 00:00:06,000\nAnn: 第一句话。\n\n2\n00:00:06,000 --> 00:00:12,000\nBen: 第二句话。\n\n"
                         "3\n00:00:12,000 --> 00:00:18,000\nAnn: 第三句话。\n");
  server.put("broken.srt", "this is not a subtitle file\n");
  server.put("chapters.json", R"({"version":"1.2.0","chapters":[{"startTime":0,"title":"Start"}]})");
  auto item = [&](const char* title, const char* date, const char* transcript) {
    return std::string("<item><title>") + title + "</title><guid>" + title + "</guid><pubDate>" + date +
           "</pubDate><enclosure url=\"" + server.http("/podcast.flac") + "\" type=\"audio/flac\"/>" +
           "<podcast:transcript url=\"" + server.http(transcript) + "\" type=\"application/x-subrip\"/>" +
           "<podcast:chapters url=\"" + server.http("/chapters.json") + "\" type=\"application/json+chapters\"/></item>";
  };
  server.put("show.xml", std::string("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\">"
                                     "<channel><title>Test Show</title>") +
                             item("Good", "Tue, 01 Dec 2026 10:00:00 GMT", "/good.srt") +
                             item("Broken", "Mon, 30 Nov 2026 10:00:00 GMT", "/broken.srt") + "</channel></rss>");
  return server.http("/show.xml");
}

// Frames until `done()` (the panel takes the workers' results in its frames); false after `limit` s.
template <class F>
bool frames_until(test::Headless& h, ui::Session& s, F done, double limit = 60) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    h.frame();
    s.update();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace

TEST_CASE("podcasts: a listener adds a feed, gets an episode with its transcript and hears it", "[ui][podcasts]") {
  auto& server = test::TestServer::get();
  const std::string url = serve_feed(server);
  test::TempDir home;
  setenv("XDG_STATE_HOME", (home.path / "state").c_str(), 1);
  const auto out = home.path / "podcast.out.f32";
  test::use_disk_driver(out);
  const auto subscriptions = home.path / "state" / "podcasts.opml";
  {
    ui::Session session;
    test::Headless h(session);
    ui::PodcastLibrary library(subscriptions, home.path / "cache", feeds::default_http_options(), {});
    h.view.set_podcasts(&library);
    h.frame();
    // Ctrl+P, the address typed into the field that has the keyboard, Enter.
    h.view.handle_key(SDLK_p, KMOD_LCTRL);
    h.frame(2);
    CHECK(h.view.podcasts().is_open());
    ImGui::GetIO().AddInputCharactersUTF8(url.c_str());
    h.frame();
    h.press_enter();
    REQUIRE(library.shows().size() == 1);
    REQUIRE(frames_until(h, session, [&] { return library.shows()[0].feed.has_value(); }));
    const auto& show = library.shows()[0];
    CHECK(show.title == "Test Show");
    REQUIRE(show.order.size() == 2);
    const std::size_t good = show.order[0];  // newest first
    CHECK(show.feed->episodes[good].title == "Good");
    CHECK(library.on_disk(0, good) == ui::PodcastLibrary::OnDisk::none);

    // "Get and play": downloaded, then opened with its transcript, and it plays.
    h.view.podcasts().get_and_play(session, 0, good);
    REQUIRE(frames_until(h, session, [&] { return session.has_episode() && session.has_audio(); }));
    CHECK(library.on_disk(0, good) == ui::PodcastLibrary::OnDisk::complete);
    CHECK(session.timeline().turns().size() == 3);
    CHECK(session.episode().blocks[0].speaker == "Ann");
    CHECK(session.audio_path().find((home.path / "cache" / "episodes").string()) == 0);
    CHECK(session.errors().empty());
    session.play();
    REQUIRE(frames_until(h, session, [&] { return session.position() > 1.5; }));
    session.close();
    // What the player wrote is the episode from its first samples.
    auto heard = test::output_indices(out);
    CHECK(test::find_run(heard, test::index_at(0.0)) >= 0);
    CHECK(test::find_run(heard, test::index_at(1.0)) >= 0);

    // The other episode's transcript is no subtitle file: it still plays, and the listener is told.
    h.view.podcasts().get_and_play(session, 0, show.order[1]);
    REQUIRE(frames_until(h, session, [&] { return !session.errors().empty(); }));
    CHECK(session.errors().back().find("\"Broken\" plays without its transcript") != std::string::npos);
    CHECK(session.has_audio());
    session.close();
  }
  // Quit and reopen: the subscription is kept, the episode is on disk.
  ui::PodcastLibrary again(subscriptions, home.path / "cache", feeds::default_http_options(), {});
  REQUIRE(again.shows().size() == 1);
  CHECK(again.shows()[0].where == url);
  CHECK(again.shows()[0].title == "Test Show");
  setenv("SDL_AUDIODRIVER", "dummy", 1);
}

TEST_CASE("podcasts: an episode plays while the rest of it downloads", "[ui][podcasts]") {
  auto& server = test::TestServer::get();
  test::TempDir home;
  setenv("XDG_STATE_HOME", (home.path / "state").c_str(), 1);
  test::use_disk_driver(home.path / "slow.out.f32");
  const auto audio = test::make_audio("podcast-long.flac", 30.0, "-c:a flac");
  const auto go = home.path / "go";  // the test says when the rest may come: no timing involved
  // The first 80 KB at once, the rest once `go` exists.
  server.put("cgi/slow.sh", "f='" + audio.string() + "'\nsize=$(stat -c %s \"$f\")\n"
             "printf 'Content-Type: audio/flac\\r\\nContent-Length: %s\\r\\n\\r\\n' $size\n"
             "head -c 81920 \"$f\"\nwhile [ ! -e '" + go.string() + "' ]; do sleep 0.05; done\ntail -c +81921 \"$f\"\n");
  server.put("slow.srt", "1\n00:00:00,000 --> 00:00:10,000\nAnn: 开始。\n\n2\n00:00:10,000 --> 00:00:30,000\nBen: 然后。\n");
  server.put("slow.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\">"
                         "<channel><title>Slow Show</title><item><title>Slow</title><guid>slow</guid><enclosure url=\"" +
                             server.http("/cgi/slow.sh") + "\" type=\"audio/flac\"/><podcast:transcript url=\"" +
                             server.http("/slow.srt") + "\" type=\"application/x-subrip\"/></item></channel></rss>");
  {
    ui::Session session;
    test::Headless h(session);
    ui::PodcastLibrary library(home.path / "state" / "podcasts.opml", home.path / "cache", feeds::default_http_options(), {});
    h.view.set_podcasts(&library);
    REQUIRE(library.add(server.http("/slow.xml")).empty());
    REQUIRE(frames_until(h, session, [&] { return library.shows()[0].feed.has_value(); }));
    h.view.podcasts().get_and_play(session, 0, 0);
    // It opens with its transcript while the download still runs, and plays.
    REQUIRE(frames_until(h, session, [&] { return session.has_audio(); }));
    CHECK(library.downloading().has_value());
    CHECK(session.timeline().turns().size() == 2);
    CHECK(session.duration() == Approx(30.0).margin(0.05));  // from the header, before the rest arrives
    session.play();
    REQUIRE(frames_until(h, session, [&] { return session.position() > 1.0; }));
    CHECK(library.downloading().has_value());  // heard before the download finished
    // The rest comes; the download completes, and playback goes on.
    std::ofstream(go) << "go";
    REQUIRE(frames_until(h, session, [&] { return !library.downloading(); }));
    CHECK(library.on_disk(0, 0) == ui::PodcastLibrary::OnDisk::complete);
    CHECK(session.playing());
    session.close();
  }
  // What was heard is the episode from its start, sample for sample.
  auto heard = test::output_indices(home.path / "slow.out.f32");
  CHECK(test::find_run(heard, test::index_at(0.5)) >= 0);
  setenv("SDL_AUDIODRIVER", "dummy", 1);
}

TEST_CASE("podcasts: the bundled episode offers its real audio, fetches nothing before the listener's yes, then plays it", "[ui][podcasts][bundled]") {
  auto& server = test::TestServer::get();
  std::filesystem::copy_file(test::make_audio("podcast.flac", 20.0, "-c:a flac"), server.docroot() / "real333.flac",
                             std::filesystem::copy_options::overwrite_existing);
  server.put("lex.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Lex Fridman Podcast</title>"
                        "<item><title>#334 – Someone Else</title><guid>334</guid><enclosure url=\"" + server.http("/nothing.mp3") +
                        "\" type=\"audio/mpeg\"/></item>"
                        "<item><title>#333 – Andrej Karpathy: Tesla AI, Self-Driving, Optimus, Aliens, and AGI</title><guid>333</guid>"
                        "<enclosure url=\"" + server.http("/real333.flac") + "\" type=\"audio/flac\"/></item></channel></rss>");
  test::TempDir home;
  setenv("XDG_STATE_HOME", (home.path / "state").c_str(), 1);
  setenv("XDG_CACHE_HOME", (home.path / "cache").c_str(), 1);  // no narration there
  setenv("TINGDU_BUNDLED_FEED", server.http("/lex.xml").c_str(), 1);
  ui::Session session;
  REQUIRE(session.open(ui::bundled_transcript()).empty());
  CHECK(session.audio_path().empty());
  test::Headless h(session);
  ui::PodcastLibrary library(home.path / "state" / "podcasts.opml", home.path / "cache", feeds::default_http_options(), {});
  h.view.set_podcasts(&library);
  h.frame(3);
  // The offer is on screen; nothing was fetched or subscribed to.
  REQUIRE(h.view.notices().has_notice());
  CHECK(library.shows().empty());
  CHECK_FALSE(std::filesystem::exists(home.path / "cache" / "episodes"));
  // Yes.
  REQUIRE(h.view.notices().run_action());
  REQUIRE(frames_until(h, session, [&] { return !session.audio_path().empty(); }));
  CHECK(session.audio_path().find((home.path / "cache" / "episodes").string()) == 0);
  CHECK(session.audio_path().find("Andrej Karpathy") != std::string::npos);
  // The bundled translation is what is shown, now over the real audio.
  std::error_code ec;
  CHECK(std::filesystem::equivalent(session.transcript_path(), ui::bundled_transcript(), ec));
  CHECK(session.timeline().turns().size() == 1151);
  CHECK_FALSE(ui::BundledAudio::wanted(session));
  session.close();
  unsetenv("TINGDU_BUNDLED_FEED");
  unsetenv("XDG_CACHE_HOME");
}

TEST_CASE("podcasts: the offer of the bundled episode's real audio is shown once, not at every start", "[ui][podcasts][bundled]") {
  test::TempDir home;
  setenv("XDG_STATE_HOME", (home.path / "state").c_str(), 1);
  setenv("XDG_CACHE_HOME", (home.path / "cache").c_str(), 1);  // no narration there
  ui::PodcastLibrary library(home.path / "state" / "podcasts.opml", home.path / "cache", feeds::default_http_options(), {});
  // Starts the window on the bundled episode, and says whether the offer came up; quits unanswered.
  auto start_offers = [&] {
    ui::Session session;
    REQUIRE(session.open(ui::bundled_transcript()).empty());
    test::Headless h(session);
    h.view.set_podcasts(&library);
    h.frame(3);
    CHECK(ui::BundledAudio::wanted(session));  // the Podcasts panel offers it all the while
    const bool offered = h.view.notices().has_notice();
    session.close();
    return offered;
  };
  CHECK(start_offers());
  CHECK_FALSE(start_offers());
  unsetenv("XDG_CACHE_HOME");
}
