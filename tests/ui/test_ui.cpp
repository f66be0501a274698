// The window's logic, driven headless: real ImGui frames (no renderer), injected mouse and keys,
// against a real audio engine on SDL's dummy driver.
#include <catch2/catch.hpp>

#include <SDL_keycode.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "fonts.h"
#include "sync/common_han.h"
#include "text_layout.h"
#include "ui_fixtures.h"

using namespace tingdu;

namespace {

using test::Headless;

std::filesystem::path temp_dir() { return test::ui_temp_dir(); }

// Three chapters over 90 s, twelve turns; audio of the same length (a quiet tone).
std::string make_episode() {
  auto md = temp_dir() / "ep.md";
  if (!std::filesystem::exists(md)) {
    test::write_episode("ep");
    std::string cmd = "ffmpeg -nostdin -y -loglevel error -f lavfi -i sine=frequency=300:duration=90 -ar 48000 " +
                      (temp_dir() / "ep.flac").string();
    REQUIRE(std::system(cmd.c_str()) == 0);
  }
  return md.string();
}

// Set before the session (and so SDL's audio) starts.
struct Environment {
  Environment() {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    setenv("XDG_STATE_HOME", (temp_dir() / "state").c_str(), 1);
  }
};

struct Fixture {
  Fixture() {
    std::filesystem::remove_all(temp_dir() / "state");
    path = make_episode();
    REQUIRE(session.open(path).empty());
  }
  Environment environment;
  std::string path;
  ui::Session session;
};

}  // namespace

TEST_CASE("ui: the audio next to the transcript is found and the timeline uses its length", "[ui]") {
  Fixture f;
  REQUIRE(f.session.has_audio());
  CHECK(f.session.audio_path().ends_with("ep.flac"));
  CHECK(f.session.duration() == Approx(90).margin(0.05));
  CHECK(f.session.timeline().chapters()[2].end == Approx(90).margin(0.05));
}

TEST_CASE("ui: clicking turn k seeks to its start (and plays, or only moves the playhead)", "[ui]") {
  Fixture f;
  Headless h(f.session);
  h.frame(2);
  std::size_t block = f.session.episode().turn_blocks()[5];
  auto rect = h.view.block_rect(block);
  REQUIRE(rect);
  h.click(ImVec2(rect->x + 40, rect->y + rect->w * 0 + 20));
  CHECK(f.session.position() == Approx(f.session.timeline().start_of(5)).margin(0.001));
  CHECK(f.session.playing());
  f.session.pause();
  f.session.click_plays = false;
  h.frame(60);  // the view glides to the clicked turn; let it arrive
  rect = h.view.block_rect(f.session.episode().turn_blocks()[2]);
  REQUIRE(rect);
  h.click(ImVec2(rect->x + 40, rect->y + 20));
  CHECK(f.session.position() == Approx(f.session.timeline().start_of(2)).margin(0.001));
  CHECK_FALSE(f.session.playing());
}

TEST_CASE("ui: scrolling away stops following, F brings it back", "[ui]") {
  Fixture f;
  Headless h(f.session);
  h.frame(2);
  REQUIRE(f.session.follow);
  auto rect = h.view.block_rect(f.session.episode().turn_blocks()[1]);
  REQUIRE(rect);
  ImGui::GetIO().MousePos = ImVec2(rect->x + 50, rect->y + 10);
  h.frame();
  ImGui::GetIO().MouseWheel = -3;
  h.frame();
  CHECK_FALSE(f.session.follow);
  CHECK(h.view.handle_key(SDLK_f, 0));
  CHECK(f.session.follow);
}

TEST_CASE("ui: the highlight and the view follow a seek while paused", "[ui]") {
  Fixture f;
  Headless h(f.session);
  h.frame(2);
  f.session.seek(f.session.timeline().start_of(11) + 0.1);
  CHECK(f.session.current_turn() == 11u);
  CHECK(f.session.current_chapter() == 2u);
  h.frame(90);  // let the smooth scroll arrive
  auto rect = h.view.block_rect(f.session.episode().turn_blocks()[11]);
  REQUIRE(rect);
  CHECK(rect->y > 0);
  CHECK(rect->y < 800);
}

TEST_CASE("ui: loop keys (L, Shift+L, [ ], Esc)", "[ui][loop]") {
  Fixture f;
  Headless h(f.session);
  f.session.seek(40);
  h.view.handle_key(SDLK_l, 0);
  REQUIRE(f.session.loop());
  CHECK(f.session.loop()->first == 30);
  CHECK(f.session.loop()->second == 60);
  CHECK(f.session.player().loop()->first == 30);
  auto turn = *f.session.current_turn();
  h.view.handle_key(SDLK_l, KMOD_LSHIFT);
  CHECK(f.session.loop()->first == f.session.timeline().start_of(turn));
  // To just after the turn's speech ends (and, while that end is estimated, a little past).
  CHECK(f.session.loop()->second == f.session.turn_loop_end(turn));
  CHECK(f.session.loop()->second > f.session.timeline().turns()[turn].end);
  h.view.handle_key(SDLK_ESCAPE, 0);
  CHECK_FALSE(f.session.loop());
  CHECK_FALSE(f.session.player().loop());
  f.session.seek(10);
  h.view.handle_key(SDLK_LEFTBRACKET, 0);
  f.session.seek(20);
  h.view.handle_key(SDLK_RIGHTBRACKET, 0);
  REQUIRE(f.session.loop());
  CHECK(f.session.loop()->first == Approx(10));
  CHECK(f.session.loop()->second == Approx(20));
}

TEST_CASE("ui: transport keys", "[ui]") {
  Fixture f;
  Headless h(f.session);
  h.view.handle_key(SDLK_SPACE, 0);
  CHECK(f.session.playing());
  h.view.handle_key(SDLK_SPACE, 0);
  CHECK_FALSE(f.session.playing());
  f.session.seek(10);
  h.view.handle_key(SDLK_RIGHT, 0);
  CHECK(f.session.position() == Approx(15));
  h.view.handle_key(SDLK_LEFT, 0);
  CHECK(f.session.position() == Approx(10));
  h.view.handle_key(SDLK_PAGEDOWN, 0);
  CHECK(f.session.position() == Approx(30));
  h.view.handle_key(SDLK_PAGEUP, 0);  // at the chapter's start: to the one before
  CHECK(f.session.position() == Approx(0));
  h.view.handle_key(SDLK_RIGHT, KMOD_LSHIFT);
  CHECK(f.session.position() == Approx(f.session.timeline().start_of(1)));
  h.view.handle_key(SDLK_EQUALS, 0);
  CHECK(f.session.speed() == Approx(1.1));
  h.view.handle_key(SDLK_MINUS, 0);
  h.view.handle_key(SDLK_MINUS, 0);
  CHECK(f.session.speed() == Approx(0.9));
  CHECK(f.session.player().speed() == Approx(0.9));
  h.view.handle_key(SDLK_MINUS, 0);
  h.view.handle_key(SDLK_MINUS, 0);
  CHECK(f.session.speed() == Approx(0.75));  // the usual speeds are steps
  f.session.set_speed(0.83);                 // the slider can land between steps
  h.view.handle_key(SDLK_EQUALS, 0);
  CHECK(f.session.speed() == Approx(0.9));
  h.view.handle_key(SDLK_BACKSPACE, 0);
  CHECK(f.session.speed() == Approx(1.0));
  h.view.handle_key(SDLK_9, 0);
  CHECK(f.session.volume() == Approx(0.9));
  h.view.handle_key(SDLK_0, 0);
  h.view.handle_key(SDLK_0, 0);
  CHECK(f.session.volume() == Approx(1.0));  // at most as recorded
  h.view.handle_key(SDLK_m, 0);
  CHECK(f.session.muted());
  h.view.handle_key(SDLK_f, KMOD_LCTRL);
  CHECK(h.view.search_open());
  h.view.handle_key(SDLK_ESCAPE, 0);
  CHECK_FALSE(h.view.search_open());
  h.view.handle_key(SDLK_g, KMOD_LCTRL);
  CHECK(h.view.goto_open());
  h.view.handle_key(SDLK_F1, 0);
  CHECK(h.view.help_open());
  h.frame(2);  // the panels draw
}

TEST_CASE("ui: T taps a turn's start, Ctrl+Z takes it back", "[ui][anchors]") {
  Fixture f;
  Headless h(f.session);
  f.session.seek(12.0);
  auto turn = *f.session.current_turn();
  h.view.handle_key(SDLK_t, 0);
  REQUIRE(f.session.timeline().anchors().count(turn));
  CHECK(f.session.timeline().anchors().at(turn) == Approx(12.0));
  CHECK(f.session.timeline().turns()[turn].source == sync::TimeSource::anchored);
  f.session.seek(16.0);
  h.view.handle_key(SDLK_t, 0);  // tapping along: the next turn
  CHECK(f.session.timeline().anchors().count(turn + 1));
  h.view.handle_key(SDLK_z, KMOD_LCTRL);
  CHECK_FALSE(f.session.timeline().anchors().count(turn + 1));
  CHECK(f.session.timeline().anchors().count(turn));
}

TEST_CASE("ui: state is restored on the next start", "[ui][state]") {
  std::string path;
  {
    Fixture f;
    path = f.path;
    f.session.set_speed(1.5);
    f.session.seek(42);
    f.session.set_loop_times(3);
    f.session.loop_range(40, 50);
    f.session.follow = false;
    f.session.window_width = 999;
  }  // closing saves
  Environment environment;
  ui::Session again;
  REQUIRE(again.open(path).empty());
  CHECK(again.speed() == Approx(1.5));
  CHECK(again.position() == Approx(42).margin(0.01));
  REQUIRE(again.loop());
  CHECK(again.loop()->first == 40);
  CHECK(again.loop_times() == 3);
  CHECK_FALSE(again.follow);
  CHECK(again.window_width == 999);
  CHECK(again.last_message() == "resume at 0:42");
}

TEST_CASE("ui: a failed open keeps the episode that was open", "[ui]") {
  Fixture f;
  auto bad = temp_dir() / "bad.srt";
  std::ofstream(bad) << "1\n00:00:01,000 --> 00:00:xx,000\nhi\n";
  std::string error = f.session.open(bad.string());
  CHECK(error.find("bad.srt:2:") != std::string::npos);
  CHECK(f.session.transcript_path() == f.path);
  CHECK(f.session.has_audio());
  CHECK_FALSE(f.session.open_audio((temp_dir() / "missing.mp3").string()).empty());
  CHECK(f.session.has_audio());
}

TEST_CASE("ui: the bundled episode draws only what is visible", "[ui][bundled]") {
  Environment environment;
  ui::Session s;
  REQUIRE(s.open(TINGDU_SOURCE_DIR "/assets/lex-fridman-333.md").empty());
  Headless h(s);
  s.seek(2 * 3600);
  h.frame(60);
  std::size_t drawn = 0;
  for (std::size_t b = 0; b < s.episode().blocks.size(); ++b) drawn += h.view.block_rect(b).has_value();
  CHECK(drawn > 3);
  CHECK(drawn < 40);  // of 1,182 blocks
}

TEST_CASE("ui: line breaks never start a line with closing punctuation", "[ui][layout]") {
  ImGuiContext* ctx = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  ImFont* font = nullptr;
  ui::FontSet fonts;
  auto file = ui::find_cjk_font();
  std::string text = "是的，完全正确。我认为我们现在编程这些计算机的方式，比如 GPT，正在趋同于我们编程人类的方式。"
                     "我的意思是，我如何通过提示来编程人类？我去找人，我提示他们做事情，我提示他们信息。";
  if (file) font = fonts.load(io, *file, 20, {text});
  else {
    font = io.Fonts->AddFontDefault();
    io.Fonts->Build();
  }
  REQUIRE(font);
  for (float width : {120.0f, 200.0f, 333.0f, 517.0f}) {
    auto lines = ui::break_lines(text, font, 20, width);
    REQUIRE(lines.size() > 1);
    std::size_t covered = 0;
    for (auto [a, b] : lines) {
      std::string_view line(text.data() + a, b - a);
      CHECK_FALSE(line.starts_with("，"));
      CHECK_FALSE(line.starts_with("。"));
      CHECK_FALSE(line.starts_with("？"));
      CHECK(font->CalcTextSizeA(20, FLT_MAX, 0, line.data(), line.data() + line.size()).x <= width + 0.5f);
      CHECK(a == covered);  // nothing lost between lines
      covered = b;
    }
    CHECK(covered == text.size());
  }
  ImGui::DestroyContext(ctx);
}

TEST_CASE("ui: a subtitle file with a bad cue opens, and the listener is told which line was skipped", "[ui]") {
  Environment environment;
  auto srt = temp_dir() / "one-bad.srt";
  std::ofstream(srt) << "1\n00:00:01,000 --> 00:00:02,000\nAnn: hello\n\n2\n00:00:02,000 --> 00:0x:03,000\nbroken\n\n"
                        "3\n00:00:03,000 --> 00:00:04,000\nBen: bye\n";
  ui::Session session;
  REQUIRE(session.open(srt.string()).empty());
  CHECK(session.timeline().turns().size() == 2);
  REQUIRE(session.errors().size() == 1);
  CHECK(session.errors()[0].find("1 part could not be read and was skipped; the rest is open") != std::string::npos);
  CHECK(session.errors()[0].find("one-bad.srt:6:18: warning: this cue is skipped") != std::string::npos);
  // A file that is no subtitle at all still does not open.
  auto junk = temp_dir() / "junk.srt";
  std::ofstream(junk) << "just some words\n";
  CHECK(session.open(junk.string()).find("no cue could be read") != std::string::npos);
}

namespace {

// True when the atlas has ink inside `g`'s rectangle: the glyph was rasterised, not left blank.
bool has_ink(const ImFontAtlas& atlas, const ImFontGlyph& g) {
  int x0 = int(g.U0 * float(atlas.TexWidth)), x1 = int(g.U1 * float(atlas.TexWidth));
  int y0 = int(g.V0 * float(atlas.TexHeight)), y1 = int(g.V1 * float(atlas.TexHeight));
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x)
      if (atlas.TexPixelsAlpha8[y * atlas.TexWidth + x] > 128) return true;
  return false;
}

}  // namespace

TEST_CASE("ui: Han characters the episode lacks can be typed into search and show as themselves", "[ui][fonts]") {
  auto font_file = ui::find_cjk_font();
  if (!font_file) FAIL("no CJK font (fonts-noto-cjk is a dependency)");
  Fixture f;
  const auto cache = temp_dir() / "cache";
  std::filesystem::remove_all(cache);
  setenv("XDG_CACHE_HOME", cache.c_str(), 1);
  std::vector<std::string_view> texts;
  for (const auto& b : f.session.episode().blocks) texts.push_back(b.text);
  // In GB 2312 but not in this transcript, nor in the bundled one.
  const std::u32string typed = U"鑫饕餮鬻黉瞽夔";
  const char* typed_utf8 = "鑫饕餮鬻黉瞽夔";

  Headless h(f.session);
  ImGuiIO& io = ImGui::GetIO();
  ui::FontSet fonts;
  ImFont* built = fonts.load(io, *font_file, 20, texts);
  REQUIRE(built);
  CHECK_FALSE(fonts.from_cache());
  CHECK(fonts.save_error().empty());
  const std::vector<unsigned char> built_pixels(io.Fonts->TexPixelsAlpha8,
                                                io.Fonts->TexPixelsAlpha8 + io.Fonts->TexWidth * io.Fonts->TexHeight);
  const int built_glyphs = built->Glyphs.Size;
  CHECK(built_glyphs > int(sync::kGb2312HanCount));

  // Next start: the same atlas, read back from the cache.
  ImFont* font = fonts.load(io, *font_file, 20, texts);
  REQUIRE(font);
  CHECK(fonts.from_cache());
  CHECK(font->Glyphs.Size == built_glyphs);
  CHECK(std::equal(built_pixels.begin(), built_pixels.end(), io.Fonts->TexPixelsAlpha8));
  // A damaged cache file (cut short) is ignored: the atlas is built again, and cached again.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(cache))
    if (entry.path().extension() == ".atlas") std::filesystem::resize_file(entry.path(), entry.file_size() / 2);
  ImFont* rebuilt = fonts.load(io, *font_file, 20, texts);
  REQUIRE(rebuilt);
  CHECK_FALSE(fonts.from_cache());
  CHECK(rebuilt->Glyphs.Size == built_glyphs);
  font = fonts.load(io, *font_file, 20, texts);
  REQUIRE(font);
  CHECK(fonts.from_cache());

  unsigned char* rgba;
  int w, h_px;
  io.Fonts->GetTexDataAsRGBA32(&rgba, &w, &h_px);
  h.view.set_font(font, 20);

  // The listener opens search and types them.
  h.view.handle_key(SDLK_f, KMOD_LCTRL);
  h.frame(2);
  io.AddInputCharactersUTF8(typed_utf8);
  h.frame(2);
  CHECK(h.view.search_query() == typed_utf8);
  // Each shows as its own glyph from the atlas (not the fallback "?"), and the frame drew it.
  const ImDrawData* draw = ImGui::GetDrawData();
  for (char32_t c : typed) {
    INFO("U+" << std::hex << unsigned(c));
    const ImFontGlyph* g = font->FindGlyphNoFallback(ImWchar(c));
    REQUIRE(g);
    CHECK(g->Visible);
    CHECK(has_ink(*io.Fonts, *g));
    bool drawn = false;
    for (int l = 0; l < draw->CmdListsCount && !drawn; ++l)
      for (const ImDrawVert& v : draw->CmdLists[l]->VtxBuffer)
        if (v.uv.x == g->U0 && v.uv.y == g->V0) drawn = true;
    CHECK(drawn);
  }
  unsetenv("XDG_CACHE_HOME");
}

TEST_CASE("ui: the audio a listener opened for an episode is what opens next, not the fallback narration", "[ui][state]") {
  Environment environment;
  std::filesystem::remove_all(temp_dir() / "state");
  const std::string md = test::write_episode("remembered");
  auto tone = [](const std::string& name, int hz) {
    auto path = temp_dir() / name;
    std::string cmd = "ffmpeg -nostdin -y -loglevel error -f lavfi -i sine=frequency=" + std::to_string(hz) +
                      ":duration=90 -ar 48000 " + path.string();
    REQUIRE(std::system(cmd.c_str()) == 0);
    return path.string();
  };
  const std::string real = tone("real-episode.flac", 440), narration = tone("narration.flac", 220);
  {
    // First run: nothing chosen yet, so the fallback (the bundled episode's narration) plays.
    ui::Session s;
    REQUIRE(s.open(md, "", narration).empty());
    CHECK(s.audio_path() == narration);
    // The listener opens the real episode, then quits.
    REQUIRE(s.open(md, real, narration).empty());
    CHECK(s.audio_path() == real);
  }
  // Started again with no arguments: the real episode, not the narration.
  ui::Session again;
  REQUIRE(again.open(md, "", narration).empty());
  CHECK(again.audio_path() == real);
  // And when that file is gone, the fallback again.
  again.close();
  std::filesystem::remove(real);
  ui::Session later;
  REQUIRE(later.open(md, "", narration).empty());
  CHECK(later.audio_path() == narration);
}
