// The real window, as a process under Xvfb (SDL's dummy audio driver): quit it the ways a
// listener's session ends (SIGTERM from logging out, Ctrl+Q, a crash) and start it again.
// Assertions are on what was saved and where playback resumed, never on how long it took.
#include <catch2/catch.hpp>

#include "window/window_process.h"

#include <algorithm>

using namespace tingdu::window_test;

TEST_CASE("window: SIGTERM while playing keeps the position, and the next start resumes there", "[window][state]") {
  VirtualDisplay x;
  Episode ep;
  pid_t pid = ep.start(x, {"--autoplay"});
  Reaper reaper(pid);
  REQUIRE(pid > 0);
  // Autosaved while playing.
  REQUIRE(wait_for([&] { return ep.saved_position() > 2.5; }));
  double seen = ep.saved_position();
  kill(pid, SIGTERM);
  auto status = wait_exit(pid);
  REQUIRE(status);
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
  double saved = ep.saved_position();
  CHECK(saved >= seen);  // not 0, not an older autosave
  CHECK(ep.resume_position(x) == Approx(saved).margin(0.002));
}

TEST_CASE("window: a crash after an autosave resumes at the autosave", "[window][state]") {
  VirtualDisplay x;
  Episode ep;
  pid_t pid = ep.start(x, {"--autoplay"});
  Reaper reaper(pid);
  REQUIRE(pid > 0);
  REQUIRE(wait_for([&] { return ep.saved_position() > 2.5; }));
  double autosaved = ep.saved_position();
  kill(pid, SIGKILL);
  REQUIRE(wait_exit(pid));
  // The file is whole (written to a temporary file, then renamed) and holds the autosave.
  double saved = ep.saved_position();
  CHECK(saved >= autosaved);
  CHECK(ep.resume_position(x) == Approx(saved).margin(0.002));
}

// Keys through the X server into the window: focus it, then XTEST events, as a keyboard makes
// them. Two commands, not one chain: a chained `key` is sent to the searched window with
// XSendEvent, and a key that quits (Ctrl+Q) then fails on its own key-up ("BadWindow"), the
// window being gone; XTEST goes to whatever has the focus and never names a window.
void press(const VirtualDisplay& x, const std::string& keys) {
  const std::string display = "DISPLAY=" + x.display;
  REQUIRE(std::system((display + " xdotool search --sync --name Tingdu windowfocus --sync").c_str()) == 0);
  REQUIRE(std::system((display + " xdotool key --clearmodifiers " + keys).c_str()) == 0);
}

TEST_CASE("window: [ and ] pressed while playing loop what is heard, and Ctrl+Q keeps the place", "[window][loop]") {
  VirtualDisplay x;
  Episode ep;
  auto audio = tingdu::test::make_audio("window-pattern.flac", 90.0, "-c:a flac");
  auto out = temp_dir() / "window.out.f32";
  pid_t pid = ep.start(x, {"--audio", audio.string(), "--autoplay"}, out.string());
  Reaper reaper(pid);
  REQUIRE(pid > 0);
  REQUIRE(wait_for([&] { return ep.saved_position() > 2.5; }));
  press(x, "bracketleft");
  // B 0.6 s after A was taken: a loaded machine may take the two keys in one frame otherwise.
  REQUIRE(wait_for([&] { return ep.log_says("status: loop start (A)"); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  press(x, "bracketright");
  // B at the playhead jumps back to A at once: the decoder, already past B, starts again at A, and
  // a loaded machine (the sanitizer build beside other tests) may leave a moment of silence
  // there, as a seek does. The seams after it are checked to be seamless below.
  const std::size_t first_jump_gap = tingdu::test::kRate / 4;
  // Quit once the output holds two passes' seams, however slowly a loaded machine gets there.
  auto seams_heard = [&] {
    auto idx = tingdu::test::output_indices(out);
    auto first = std::find_if(idx.begin(), idx.end(), [](int i) { return i >= 0; });
    if (first == idx.end()) return false;
    return tingdu::test::jumps_after(idx, std::size_t(first - idx.begin()) + 2048, first_jump_gap).size() >= 3;
  };
  REQUIRE(wait_for(seams_heard));
  press(x, "ctrl+q");
  auto status = wait_exit(pid);
  REQUIRE(status);
  CHECK(WIFEXITED(*status));
  auto loop = ep.saved_loop();
  REQUIRE(loop);
  double a = loop->first, b = loop->second;
  double saved = ep.saved_position();
  CHECK(saved >= a);
  CHECK(saved < b);
  // What SDL played: after the first jump back to A, the section repeats seam to seam.
  auto idx = tingdu::test::output_indices(out);
  long start = -1;
  for (std::size_t i = 0; i < idx.size() && start < 0; ++i)
    if (idx[i] >= 0) start = long(i);
  REQUIRE(start >= 0);
  auto jumps = tingdu::test::jumps_after(idx, std::size_t(start) + 2048, first_jump_gap);
  REQUIRE(jumps.size() >= 2);
  CHECK(jumps[0].to == tingdu::test::index_at(a));
  // From the first jump back on, not a sample of silence: every seam meets the next pass.
  CHECK(std::count(idx.begin() + std::ptrdiff_t(jumps[0].at), idx.begin() + std::ptrdiff_t(jumps.back().at), -1) == 0);
  for (std::size_t k = 1; k < jumps.size(); ++k) {
    INFO("jump " << k << ": " << jumps[k].from << " -> " << jumps[k].to);
    CHECK(jumps[k].from == tingdu::test::index_at(b) - 1);
    CHECK(jumps[k].to == tingdu::test::index_at(a));
  }
}
