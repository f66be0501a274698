// The desktop's player controls (MPRIS 2), driven by a real client: playerctl (and dbus-send
// for what playerctl has no verb for) against the real window under Xvfb on SDL's dummy audio
// driver. The whole executable runs under dbus-run-session (tests/CMakeLists.txt), so the
// session bus is a private one. Waits are bounded polls on what the player reports, never
// assertions on how long something took.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "window/window_process.h"

using namespace tingdu::window_test;

namespace {

// Runs a shell command; its standard output without the trailing newline.
std::string run(const std::string& command) {
  std::string out;
  if (FILE* p = popen((command + " 2>/dev/null").c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string playerctl(const std::string& args) { return run("playerctl -p tingdu " + args); }

double position() {
  std::string p = playerctl("position");
  return p.empty() ? -1 : std::atof(p.c_str());
}

// A property of org.mpris.MediaPlayer2.Player as dbus-send prints it ("double 1.5").
std::string get_property(const std::string& name) {
  std::string out = run("dbus-send --session --print-reply --dest=org.mpris.MediaPlayer2.tingdu /org/mpris/MediaPlayer2 "
                        "org.freedesktop.DBus.Properties.Get string:org.mpris.MediaPlayer2.Player string:" + name);
  auto at = out.rfind("variant");
  return at == std::string::npos ? "" : out.substr(out.find_first_not_of(' ', at + 7));
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts the window on the test episode and waits until the desktop sees it, paused at 0.
pid_t start_player(const VirtualDisplay& x, const Episode& ep, std::vector<std::string> extra = {}) {
  pid_t pid = ep.start(x, std::move(extra));
  REQUIRE(pid > 0);
  REQUIRE(wait_for([] { return playerctl("status") == "Paused"; }));
  return pid;
}

}  // namespace

TEST_CASE("mpris: playerctl plays, pauses, seeks, steps by turn and reads the metadata of a running player", "[mpris]") {
  VirtualDisplay x;
  Episode ep;
  // Seeked signals, as a desktop's sound menu would hear them.
  auto signals = temp_dir() / "seeked.log";
  pid_t monitor = spawn({"sh", "-c", "exec dbus-monitor \"type='signal',member='Seeked'\" > " + signals.string()}, {});
  Reaper monitor_reaper(monitor);
  pid_t pid = start_player(x, ep);
  Reaper reaper(pid);

  playerctl("play-pause");
  REQUIRE(wait_for([] { return playerctl("status") == "Playing"; }));
  REQUIRE(wait_for([] { return position() > 0.5; }));  // the clock runs
  playerctl("play-pause");
  REQUIRE(wait_for([] { return playerctl("status") == "Paused"; }));

  playerctl("position 40");
  REQUIRE(wait_for([] { return position() == Approx(40).margin(0.01); }));
  CHECK(playerctl("metadata xesam:title") == "中段");  // the chapter at 0:40 (0:30 - 1:00)
  CHECK(playerctl("metadata xesam:album") == "测试节目");
  CHECK(playerctl("metadata mpris:length") == "90000000");
  std::string speaker = playerctl("metadata xesam:artist");
  CHECK((speaker == "甲" || speaker == "乙"));
  REQUIRE(wait_for([&] { return read_file(signals).find("member=Seeked") != std::string::npos; }));

  // Next: the next turn's start, inside the chapter (its four turns share 0:30 - 1:00).
  playerctl("next");
  REQUIRE(wait_for([] { return position() > 40.5; }));
  double next = position();
  CHECK(next < 60);
  CHECK(playerctl("metadata xesam:artist") != speaker);  // turns alternate speakers
  playerctl("previous");
  REQUIRE(wait_for([] { return position() < 40.5; }));

  playerctl("volume 0.5");
  REQUIRE(wait_for([] { return playerctl("volume") == "0.500000"; }));
  run("dbus-send --session --print-reply --dest=org.mpris.MediaPlayer2.tingdu /org/mpris/MediaPlayer2 "
      "org.freedesktop.DBus.Properties.Set string:org.mpris.MediaPlayer2.Player string:Rate variant:double:1.25");
  REQUIRE(wait_for([] { return get_property("Rate") == "double 1.25"; }));

  // Quit from the desktop: the window closes and keeps what the desktop set.
  run("dbus-send --session --print-reply --dest=org.mpris.MediaPlayer2.tingdu /org/mpris/MediaPlayer2 org.mpris.MediaPlayer2.Quit");
  auto status = wait_exit(pid);
  REQUIRE(status);
  CHECK(WIFEXITED(*status));
  CHECK(ep.saved_position() < 40.5);
  CHECK(ep.saved_position() > 30);
}

TEST_CASE("mpris: with --next-by chapter, Next goes to the next chapter's start", "[mpris]") {
  VirtualDisplay x;
  Episode ep;
  pid_t pid = start_player(x, ep, {"--next-by", "chapter"});
  Reaper reaper(pid);
  playerctl("position 40");
  REQUIRE(wait_for([] { return position() == Approx(40).margin(0.01); }));
  playerctl("next");
  REQUIRE(wait_for([] { return position() == Approx(60).margin(0.01); }));
  CHECK(playerctl("metadata xesam:title") == "结尾");
  kill(pid, SIGTERM);
  REQUIRE(wait_exit(pid));
}

TEST_CASE("mpris: without a session bus the window runs, and its log says so in one line", "[mpris]") {
  VirtualDisplay x;
  Episode ep;
  // A bus address where there is none (the suite's own bus is in the environment).
  pid_t pid = spawn({TINGDU_WINDOW, ep.transcript, "--quit-after", "1.5"},
                    {"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus", "DISPLAY=" + x.display,
                     "XDG_STATE_HOME=" + ep.state.string(), "SDL_AUDIODRIVER=dummy", "ASAN_OPTIONS=detect_leaks=0"});
  Reaper reaper(pid);
  REQUIRE(pid > 0);
  auto status = wait_exit(pid);
  REQUIRE(status);
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
  std::string log = read_file(ep.state / "tingdu" / "tingdu.log");
  CHECK(log.find("media keys: off (no session bus") != std::string::npos);
}
