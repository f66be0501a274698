// What a listener does in the first minutes, in the order they do it, against a real player on
// SDL's disk driver: the audio it wrote is checked, not only the session's state. The audio is
// the media tests' pattern, whose every sample tells its own position.
#include <catch2/catch.hpp>

#include <SDL_keycode.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "fonts.h"
#include "media/fixtures.h"
#include "listener_fixture.h"
#include "ui_fixtures.h"
#include "ui_glyphs.h"

using namespace tingdu;
using test::Headless;
using test::Listener;
using test::check_loops;
using test::kMaxGap;
using test::start_of_playback;


TEST_CASE("listener: [ then ] while playing loops the section just heard", "[ui][listener][loop]") {
  Listener l("ab-keys");
  Headless h(*l.session);
  l.session->seek(10);
  h.type(SDLK_SPACE);
  REQUIRE(l.session->playing());
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() > 10.5; }));
  h.type(SDLK_LEFTBRACKET);
  REQUIRE(l.session->loop_a_mark());
  const double a = *l.session->loop_a_mark();
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() > a + 0.4; }));
  h.type(SDLK_RIGHTBRACKET);
  REQUIRE(l.session->loop());
  const double b = l.session->loop()->second;
  CHECK(l.session->loop()->first == a);
  // It takes effect for what is heard: playback is back inside the section at once...
  CHECK(l.position() < b);
  // ...and keeps repeating it.
  double last = l.position();
  int wraps = 0;
  REQUIRE(test::wait_until(*l.session, [&] {
    double p = l.position();
    wraps += p < last - 0.1;
    last = p;
    return wraps >= 3;
  }));
  auto idx = l.output();
  check_loops(test::jumps_after(idx, start_of_playback(idx, 10), kMaxGap), a, b, 4);
}

TEST_CASE("listener: the A and B buttons, and [ ] while paused, loop too", "[ui][listener][loop]") {
  Listener l("ab-paused");
  Headless h(*l.session);
  l.session->seek(20);
  h.frame(2);
  // Paused: A here, B five seconds on (Right), then play.
  h.type(SDLK_LEFTBRACKET);
  h.type(SDLK_RIGHT);
  h.type(SDLK_RIGHTBRACKET);
  REQUIRE(l.session->loop());
  CHECK(l.session->loop()->first == Approx(20));
  CHECK(l.session->loop()->second == Approx(25));
  CHECK(l.position() == Approx(20));  // B at the playhead sends it back to A
  // Now move the loop with the buttons while playing: A at 21, B at 21.5.
  l.session->clear_loop();
  l.session->seek(21);
  h.frame(2);
  auto a_button = h.view.transport().button_rect("A");
  auto b_button = h.view.transport().button_rect("B");
  REQUIRE(a_button);
  REQUIRE(b_button);
  h.type(SDLK_SPACE);
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() > 21.2; }));
  h.click(ImVec2(a_button->x + a_button->z / 2, a_button->y + a_button->w / 2));
  const double a = *l.session->loop_a_mark();
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() > a + 0.5; }));
  h.click(ImVec2(b_button->x + b_button->z / 2, b_button->y + b_button->w / 2));
  REQUIRE(l.session->loop());
  const double b = l.session->loop()->second;
  REQUIRE(test::wait_for_wraps(l, 2));
  auto idx = l.output();
  auto jumps = test::jumps_after(idx, start_of_playback(idx, 21), kMaxGap);
  check_loops(jumps, a, b, 3);
}

TEST_CASE("listener: a loop set to 2 is heard twice, then playback goes on", "[ui][listener][loop]") {
  Listener l("twice");
  Headless h(*l.session);
  l.session->set_loop_times(2);
  l.session->seek(30);
  h.type(SDLK_SPACE);
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() > 30.3; }));
  h.type(SDLK_LEFTBRACKET);
  const double a = *l.session->loop_a_mark();
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() > a + 0.4; }));
  h.type(SDLK_RIGHTBRACKET);  // the first time heard ends here
  const double b = l.session->loop()->second;
  // "loop done" comes as the second time heard reaches B, not as it starts.
  double done_at = -1;
  REQUIRE(test::wait_until(*l.session, [&] {
    if (l.session->last_message() == "loop done" && done_at < 0) done_at = l.position();
    return done_at >= 0 && l.position() > b + 0.5;
  }));
  CHECK(done_at >= b - 0.05);
  CHECK_FALSE(l.session->loop());
  auto idx = l.output();
  auto jumps = test::jumps_after(idx, start_of_playback(idx, 30), kMaxGap);
  REQUIRE(jumps.size() == 1);  // back to A once: heard twice
  CHECK(jumps[0].to == test::index_at(a));
  // The second time through, B's sample follows the one before it: playback went on.
  bool went_on = false;
  for (std::size_t i = jumps[0].at + 1; i < idx.size() && !went_on; ++i)
    went_on = idx[i] == test::index_at(b) && idx[i - 1] == test::index_at(b) - 1;
  CHECK(went_on);
}

TEST_CASE("listener: quit while playing and reopen lands where they were", "[ui][listener][state]") {
  Listener l("resume");
  l.session->seek(12);
  l.session->play();
  REQUIRE(test::wait_until(*l.session, [&] { return l.position() > 13; }));
  double before_quit = l.position();
  l.session->close();  // what closing the window or SIGTERM does
  ui::Session again;
  REQUIRE(again.open(l.transcript, l.audio).empty());
  CHECK(again.position() >= before_quit - 1.0 / 48000);  // seeks land on whole samples
  CHECK(again.position() < before_quit + 10);
  CHECK(again.last_message().starts_with("resume at 0:1"));
}

TEST_CASE("listener: keys typed into search never fire shortcuts", "[ui][listener][keys]") {
  Listener l("search-keys");
  Headless h(*l.session);
  REQUIRE(test::wait_until(*l.session, [&] { return l.session->search() != nullptr; }));  // built off the UI thread
  h.frame(2);
  h.type(SDLK_f, 0, KMOD_LCTRL);
  REQUIRE(h.view.search_open());
  h.frame();  // the field takes the keyboard on the frame after Ctrl+F
  ImGui::GetIO().AddInputCharacter(0x8FD9);  // 这: in every turn
  h.frame(2);
  REQUIRE(h.view.panels().hit_count() >= 2);
  // Enter goes to the next result and keeps the field (ImGui lets go of it on Enter)...
  h.press_enter();
  CHECK(h.view.search_open());
  CHECK(h.view.panels().current_hit() == 0u);
  h.press_enter();
  CHECK(h.view.panels().current_hit() == 1u);
  // ...so "tesila" typed now is text, not L (loop), T (pin), A or S.
  for (char c : std::string("tesila")) h.type(c, c);
  CHECK(h.view.panels().query() == "\xE8\xBF\x99tesila");
  CHECK_FALSE(l.session->loop());
  CHECK(l.session->timeline().anchors().empty());
  const bool playing = l.session->playing();  // going to a result plays it ("Click plays")
  h.type(SDLK_SPACE, ' ');
  CHECK(l.session->playing() == playing);
  // Esc closes the panel; then the keys are shortcuts again.
  h.type(SDLK_ESCAPE);
  CHECK_FALSE(h.view.search_open());
  h.frame();
  h.type(SDLK_l, 'l');
  CHECK(l.session->loop());
}

TEST_CASE("listener: a pin made with T says so, with Undo", "[ui][listener][anchors]") {
  Listener l("pin");
  Headless h(*l.session);
  l.session->seek(20);
  h.type(SDLK_t, 't');
  REQUIRE(l.session->timeline().anchors().size() == 1);
  REQUIRE(h.view.notices().has_notice());
  h.frame(2);
  CHECK(h.view.notices().run_action());  // the notice's Undo button
  CHECK(l.session->timeline().anchors().empty());
}

TEST_CASE("listener: Back to playback never clicks through to the turn under it", "[ui][listener]") {
  Listener l("back");
  Headless h(*l.session);
  l.session->seek(44);
  h.frame(30);
  ImGui::GetIO().MousePos = ImVec2(900, 300);
  h.frame();
  ImGui::GetIO().MouseWheel = -5;  // scroll away: following stops
  h.frame(3);
  REQUIRE_FALSE(l.session->follow);
  auto button = h.view.transcript().back_button_rect();
  REQUIRE(button);
  h.click(ImVec2(button->x + button->z / 2, button->y + button->w / 2));
  CHECK(l.session->follow);
  CHECK(l.position() == Approx(44));
  CHECK_FALSE(l.session->playing());
}

TEST_CASE("listener: Esc closes the menu that is open, not the loop", "[ui][listener][keys]") {
  Listener l("esc-menu");
  Headless h(*l.session);
  l.session->loop_range(40, 50);
  h.frame(30);
  auto rect = h.view.block_rect(l.session->episode().turn_blocks()[5]);
  REQUIRE(rect);
  h.click(ImVec2(rect->x + 60, rect->y + 20), 1);  // right-click: the turn's menu
  REQUIRE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel));
  h.type(SDLK_ESCAPE);
  h.frame();
  CHECK_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel));
  CHECK(l.session->loop());
  h.type(SDLK_ESCAPE);  // nothing open any more: now it clears the loop
  CHECK_FALSE(l.session->loop());
}

TEST_CASE("listener: looping another turn takes the playhead there", "[ui][listener][loop]") {
  Listener l("loop-other");
  l.session->seek(5);
  l.session->loop_turn(9);
  REQUIRE(l.session->loop());
  CHECK(l.session->loop()->first == l.session->timeline().start_of(9));
  CHECK(l.position() == Approx(l.session->timeline().start_of(9)));
}

TEST_CASE("listener: audio far shorter than the transcript says so, and its end is respected", "[ui][listener]") {
  Listener l("short-audio");
  auto md = test::ui_temp_dir() / "long-chapters.md";
  std::ofstream(md) << "长节目\n\n## 内容整理\n```\n├── 0:00 开场\n└── 2:00:00 结尾\n```\n\n## 视频脚本\n"
                       "**0:00 - 开场**\n\n**甲:** 开始。\n\n**2:00:00 - 结尾**\n\n**乙:** 结束了。\n";
  REQUIRE(l.session->open(md.string(), l.audio).empty());
  REQUIRE(l.session->errors().size() == 1);
  CHECK(l.session->errors()[0].find("1:10") != std::string::npos);     // the audio's length
  CHECK(l.session->errors()[0].find("2:00:00") != std::string::npos);  // the transcript's
  l.session->seek(3);
  l.session->activate_chapter(1);
  CHECK(l.position() == Approx(3));
  CHECK(l.session->last_message().find("past the end of the audio") != std::string::npos);
  l.session->dismiss_error(0);
  CHECK(l.session->errors().empty());
}

TEST_CASE("listener: at 800x600 every control fits in the window", "[ui][listener][layout]") {
  Listener l("small");
  Headless h(*l.session, ImVec2(800, 600));
  h.frame(3);
  CHECK(h.view.transport().controls_right() <= 800);
  CHECK(h.view.transport().button_rect("Clear"));
}

TEST_CASE("listener: a long title ends in an ellipsis, never mid-character", "[ui][layout]") {
  ImGuiContext* ctx = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  ui::FontSet fonts;
  auto file = ui::find_cjk_font();
  REQUIRE(file);
  std::string title = "与 Andrej Karpathy 的对话：特斯拉、人工智能、光学字符识别与未来";
  REQUIRE(fonts.load(io, *file, 18, {title}));
  io.DisplaySize = ImVec2(800, 600);
  ImGui::NewFrame();
  for (float width : {60.0f, 150.0f, 333.0f}) {
    std::string cut = ui::ellipsize(title, width);
    CHECK(cut.ends_with(ui::kEllipsis));
    CHECK(ImGui::CalcTextSize(cut.c_str()).x <= width);
    CHECK(title.starts_with(cut.substr(0, cut.size() - std::string(ui::kEllipsis).size())));
  }
  CHECK(ui::ellipsize(title, 5000) == title);
  ImGui::EndFrame();
  ImGui::DestroyContext(ctx);
}

// Every character the interface's own code draws must be in the atlas: the code points of the
// non-ASCII text in app/ui's sources (raw UTF-8 or \x escapes in string literals).
TEST_CASE("listener: every glyph the interface draws is in the font", "[ui][layout][glyphs]") {
  std::set<char32_t> used;
  auto decode = [&](const std::string& bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
      auto c = static_cast<unsigned char>(bytes[i]);
      int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
      for (int k = 1; k < len && i + std::size_t(k) < bytes.size(); ++k) cp = (cp << 6) | (bytes[i + std::size_t(k)] & 0x3F);
      if (cp >= 0x80) used.insert(cp);
      i += std::size_t(len);
    }
  };
  const std::regex escapes("((?:\\\\x[0-9A-Fa-f]{2})+)");
  for (const auto& entry : std::filesystem::directory_iterator(TINGDU_SOURCE_DIR "/app/ui")) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      auto comment = line.find("//");
      std::string code = comment == std::string::npos ? line : line.substr(0, comment);
      decode(code);  // raw UTF-8 outside comments
      for (std::sregex_iterator it(code.begin(), code.end(), escapes), end; it != end; ++it) {
        std::string hex = (*it)[1], bytes;
        for (std::size_t k = 0; k + 3 < hex.size() + 1; k += 4) bytes += char(std::stoi(hex.substr(k + 2, 2), nullptr, 16));
        decode(bytes);
      }
    }
  }
  REQUIRE(used.count(0x2713));  // ✓, the anchor mark, is among them
  ImGuiContext* ctx = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ui::FontSet fonts;
  auto file = ui::find_cjk_font();
  REQUIRE(file);
  ImFont* font = fonts.load(ImGui::GetIO(), *file, 18, {});
  REQUIRE(font);
  for (char32_t cp : used) {
    INFO("U+" << std::hex << std::uppercase << unsigned(cp));
    CHECK(font->FindGlyphNoFallback(ImWchar(cp)) != nullptr);
  }
  ImGui::DestroyContext(ctx);
}

TEST_CASE("listener: search finds Han text by pinyin once its index is ready", "[ui][listener][search]") {
  auto md = test::ui_temp_dir() / "pinyin.md";
  std::ofstream(md) << "**甲:** 我开过特斯拉。\n\n**乙:** 很好。\n";
  Listener l("search-pinyin", md.string());
  Headless h(*l.session);
  h.frame(2);
  h.type(SDLK_f, 0, KMOD_LCTRL);
  h.frame();
  // Typed at once: while the index is still being built the query waits ("Preparing search…").
  for (char c : std::string("tesila")) h.type(c, c);
  CHECK(h.view.panels().query() == "tesila");
  REQUIRE(test::wait_until(*l.session, [&] { return l.session->search() != nullptr; }));
  h.frame();
  CHECK(h.view.panels().hit_count() == 1);
  h.press_enter();  // and the hit leads to the turn, as any other
  CHECK(h.view.panels().current_hit() == 0u);
}
