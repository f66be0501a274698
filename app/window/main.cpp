// tingdu: the player window (SDL2 + OpenGL 3 + Dear ImGui).
//   tingdu [TRANSCRIPT] [--audio AUDIO]
//   tingdu --screenshot OUT.png [--at TIME] [--size WxH]   renders once, saves a PNG, exits
// With no transcript, the bundled episode (and its generated narration when present).
#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <stb_image_write.h>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <cstring>
#include <ctime>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "app_log.h"
#include "default_episode.h"
#include "frame_events.h"
#include "media_keys.h"
#include "font_texture.h"
#include "fonts.h"
#include "player_view.h"
#include "podcast_library.h"
#include "session.h"
#include "sync/state_dir.h"
#include "sync/time_format.h"

namespace {

using namespace tingdu;

// While something moves (smooth scrolling, dragging), frames are capped at this rate.
constexpr double kMaxFps = 60;
// While playing with nothing moving, the screen changes only when the clock's second or the
// current turn does: the loop sleeps until then (at most this long, so events stay prompt).
constexpr int kMaxIdleWaitMs = 500;
// After input, keep drawing a few frames so ImGui's hover and focus states settle.
constexpr int kFramesAfterInput = 3;

struct Args {
  std::string transcript, audio, screenshot, at, size;
  // For benchmarks and scripted runs:
  bool autoplay = false;    // start playing at once
  bool autoscroll = false;  // scroll the transcript with the mouse wheel every frame
  double quit_after = 0;    // seconds; 0: run until closed
  bool stats = false;       // print frame and CPU figures as JSON on exit
  bool verbose = false;     // the log (FFmpeg's lines too) on stderr as well
  std::string next_by = "turn";  // what the desktop's Next/Previous step through: turn or chapter
};

// The window's size: what was saved (or asked for), but never larger than the screen's usable
// area, so a size saved on a bigger screen opens whole, centred.
void fit_to_display(int& width, int& height) {
  SDL_Rect usable{};
  if (SDL_GetDisplayUsableBounds(0, &usable) != 0 || usable.w <= 0 || usable.h <= 0) return;
  constexpr int kMargin = 40, kMinWidth = 640, kMinHeight = 480;
  width = std::clamp(width, std::min(kMinWidth, usable.w), std::max(kMinWidth, usable.w - kMargin));
  height = std::clamp(height, std::min(kMinHeight, usable.h), std::max(kMinHeight, usable.h - kMargin));
  width = std::min(width, usable.w);
  height = std::min(height, usable.h);
}

// Process CPU seconds (user + system) from /proc/self/stat.
double process_cpu_seconds() {
  std::FILE* f = std::fopen("/proc/self/stat", "r");
  if (!f) return 0;
  char buf[1024] = {};
  std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  buf[n] = 0;
  const char* p = std::strrchr(buf, ')');  // the command name may hold spaces
  unsigned long utime = 0, stime = 0;
  if (p) std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime);
  return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

// The alignment's worker (alignment_worker.h): tingdu-cli, which is built and installed beside this
// program; "" (align in this process) when it isn't there.
std::string alignment_worker() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  auto cli = self.parent_path() / "tingdu-cli";
  return access(cli.c_str(), X_OK) == 0 ? cli.string() : "";
}

// Peak resident memory in MB (VmHWM from /proc/self/status).
double peak_rss_mb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  double kb = 0;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmHWM: %lf kB", &kb) == 1) break;
  std::fclose(f);
  return kb / 1024;
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) * 1e-6;
}

std::vector<std::string_view> episode_texts(const ui::Session& s) {
  std::vector<std::string_view> texts;
  if (!s.has_episode()) return texts;
  const auto& ep = s.episode();
  texts.push_back(ep.meta.title);
  for (const auto& c : ep.chapters) {
    texts.push_back(c.title);
    for (const auto& e : c.subtopics) texts.push_back(e.text);
    for (const auto& e : c.summary) texts.push_back(e.text);
  }
  for (const auto& b : ep.blocks) {
    texts.push_back(b.text);
    texts.push_back(b.speaker);
  }
  return texts;
}

bool save_png(const std::string& path, int w, int h) {
  std::vector<unsigned char> pixels(std::size_t(w) * std::size_t(h) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);  // OpenGL's rows start at the bottom
  return stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4) != 0;
}

int run(const Args& args) {
  const auto started = std::chrono::steady_clock::now();
  int width = 1280, height = 800;
  if (!args.size.empty() && std::sscanf(args.size.c_str(), "%dx%d", &width, &height) != 2) {
    std::fprintf(stderr, "error: --size: expected WxH, e.g. 1280x800\n");
    return 1;
  }
  std::optional<double> at;
  if (!args.at.empty() && !(at = sync::parse_time_argument(args.at))) {
    std::fprintf(stderr, "error: --at: expected seconds, M:SS or H:MM:SS\n");
    return 1;
  }
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_AUDIO | SDL_INIT_EVENTS) != 0) {
    std::fprintf(stderr, "error: cannot start SDL: %s\n", SDL_GetError());
    return 1;
  }
  const Uint32 wake_event = SDL_RegisterEvents(1);
  app::start_log(ui::state_dir().empty() ? std::filesystem::path() : ui::state_dir() / "tingdu.log", args.verbose);

  ui::Session session;
  auto wake = [wake_event] {  // from any thread: SDL_PushEvent is thread-safe
    SDL_Event e{};
    e.type = wake_event;
    SDL_PushEvent(&e);
  };
  session.set_wake(wake);
  session.set_alignment_worker(alignment_worker());
  std::string transcript = args.transcript.empty() ? ui::bundled_transcript() : args.transcript;
  // The bundled episode's narration only when nothing else was chosen for it: the real audio a
  // listener opened once stays the one it opens with.
  std::string fallback_audio = args.audio.empty() && args.transcript.empty() ? ui::bundled_audio() : "";
  auto trace = [&](const char* what) {
    if (std::getenv("TINGDU_TRACE_STARTUP"))
      std::fprintf(stderr, "%7.1f ms  %s\n", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count(), what);
  };
  trace("SDL started");
  std::string error = args.transcript.empty() || !args.audio.empty() ? session.open(transcript, args.audio, fallback_audio)
                                                                      : session.open_file(transcript);
  trace("episode open");
  // The desktop's media keys and sound menu, once the episode is open (not for a one-frame screenshot).
  std::optional<desktop::MediaKeys> media_keys;
  if (args.screenshot.empty())
    media_keys.emplace(session, args.next_by == "chapter" ? desktop::MediaKeyStep::chapter : desktop::MediaKeyStep::turn, wake);
  if (!error.empty()) {
    std::fprintf(stderr, "%s\n", error.c_str());
    session.report_error(error);
  }
  if (session.has_episode() && args.size.empty()) {
    width = session.window_width;
    height = session.window_height;
  }
  if (args.screenshot.empty()) fit_to_display(width, height);  // a screenshot keeps the size asked for

  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  std::string title = "Tingdu \xE5\x90\xAC\xE8\xAF\xBB" + (session.has_episode() ? " - " + session.episode().meta.title : "");
  SDL_Window* window = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
  if (!window) {
    std::fprintf(stderr, "error: cannot open a window: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GLContext gl = SDL_GL_CreateContext(window);
  SDL_GL_MakeCurrent(window, gl);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // window state lives in Tingdu's own per-episode state
  ImGui::StyleColorsDark();
  ImGui_ImplSDL2_InitForOpenGL(window, gl);
  ImGui_ImplOpenGL3_Init("#version 130");

  float dpi = 96;
  SDL_GetDisplayDPI(0, &dpi, nullptr, nullptr);
  const float hidpi = std::clamp(dpi / 96.0f, 1.0f, 3.0f);
  std::optional<ui::FontFile> font_file = ui::find_cjk_font();
  if (!font_file) session.take_messages(), std::fprintf(stderr, "warning: no CJK font found (install fonts-noto-cjk); Chinese text will not show\n");
  ui::FontSet fonts;
  window::FontTexture font_texture;
  font_texture.take_over_from_backend();
  ui::PlayerView view(session);
  // Podcasts (Ctrl+P): subscriptions kept in the state folder, episodes in the cache folder.
  std::optional<ui::PodcastLibrary> podcasts;
  if (!ui::state_dir().empty() && args.screenshot.empty()) {  // a one-frame screenshot shows no offer
    podcasts.emplace(ui::state_dir() / "podcasts.opml", sync::cache_dir(), feeds::default_http_options(), wake);
    view.set_podcasts(&*podcasts);
  }
  auto load_fonts = [&](float size) {
    session.font_size = size;
    ImFont* font = nullptr;
    if (font_file) font = fonts.load(io, *font_file, size * hidpi, episode_texts(session));
    else {
      io.Fonts->Clear();
      io.Fonts->AddFontDefault();
    }
    if (!fonts.save_error().empty()) app::log_line("glyph atlas not cached: " + fonts.save_error());
    font_texture.upload(*io.Fonts);
    view.set_font(font ? font : io.Fonts->Fonts[0], size * hidpi);
  };
  trace("window and GL context");
  load_fonts(session.font_size);
  trace(fonts.from_cache() ? "font atlas (from the cache)" : "font atlas (built, now cached)");
  if (at) session.seek(*at);
  // A screenshot shows the window as a listener first sees it: no pointer hovering over it.
  if (!args.screenshot.empty()) SDL_WarpMouseGlobal(0, 0);

  if (args.autoplay) session.play();
  std::tuple<long, std::optional<std::size_t>, bool> last_visible;
  bool running = true;
  window::FrameEvents events;
  int frames_to_draw = kFramesAfterInput;
  std::vector<double> frame_ms;
  double first_frame_ms = -1, cpu_at_warm = -1;
  std::chrono::steady_clock::time_point warm;
  constexpr double kWarmupSeconds = 2;  // figures exclude start-up
  int screenshot_frames = 8;  // enough for layout and following to settle
  auto last = std::chrono::steady_clock::now();
  while (running) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (args.quit_after > 0 && elapsed >= args.quit_after) running = false;
    if (cpu_at_warm < 0 && elapsed >= kWarmupSeconds) {
      cpu_at_warm = process_cpu_seconds();
      warm = std::chrono::steady_clock::now();
    }
    bool animating = view.animating() || frames_to_draw > 0 || !args.screenshot.empty() || args.autoscroll;
    int wait_ms = args.quit_after > 0 ? 100 : kMaxIdleWaitMs;
    if (session.playing() && session.has_episode()) {
      // Until the displayed second or the current turn changes (media time runs at `speed`).
      double pos = session.position();
      double until = std::ceil(pos + 1e-3) - pos;
      if (auto t = session.current_turn(); t && *t + 1 < session.timeline().turns().size())
        until = std::min(until, session.timeline().start_of(*t + 1) - pos);
      wait_ms = std::clamp(int(std::ceil(until / session.speed() * 1000)), 1, kMaxIdleWaitMs);
    }
    SDL_Event e;
    bool got = events.first(e, animating ? 0 : wait_ms);
    bool had_events = got;
    for (; got; got = events.next(e)) {
      frames_to_draw = kFramesAfterInput;
      ImGui_ImplSDL2_ProcessEvent(&e);
      session.player().handle_sdl_event(e);
      if (e.type == SDL_QUIT) running = false;
      if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) running = false;
      if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        session.window_width = e.window.data1;
        session.window_height = e.window.data2;
      }
      if (e.type == SDL_KEYDOWN) view.key_down(e.key.keysym.sym, e.key.keysym.mod);
      if (e.type == SDL_DROPFILE) {
        std::string path = e.drop.file;
        SDL_free(e.drop.file);
        if (std::string err = session.open_dropped(path); !err.empty()) session.report_error(err);
        else load_fonts(session.font_size);
        view.invalidate_layout();
      }
    }
    if (view.quit_requested()) running = false;
    if (!running) break;  // no last frame: quitting is prompt (closing the window, SIGTERM)
    session.update();
    // What the status line said goes to the log too (and is not kept in memory past the frame).
    for (const auto& m : session.take_messages()) app::log_line("status: " + m);
    if (auto size = view.take_font_request()) load_fonts(*size);
    auto asked = media_keys ? media_keys->update() : desktop::MediaKeys::Requests{};
    if (asked.quit) running = false;
    if (asked.raise) SDL_RaiseWindow(window);
    auto path = view.take_open_request();
    if (!path) path = asked.open;
    if (path) {
      if (std::string err = session.open(*path); !err.empty()) session.report_error(err);
      else load_fonts(session.font_size);
      view.invalidate_layout();
    }
    // Draw only when what the window shows can have changed.
    auto visible = std::tuple(session.has_episode() ? long(session.position()) : 0L,
                              session.has_episode() ? session.current_turn() : std::nullopt, session.playing());
    bool changed = visible != last_visible;
    last_visible = visible;
    if (!animating && !had_events && !changed && frames_to_draw <= 0) continue;

    auto now = std::chrono::steady_clock::now();
    float dt = std::chrono::duration<float>(now - last).count();
    last = now;
    double cpu_before = thread_cpu_ms();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    if (args.autoscroll) {  // the wheel over the middle of the transcript, as a reader scrolls
      io.MousePos = ImVec2(io.DisplaySize.x * 0.6f, io.DisplaySize.y * 0.4f);
      io.MouseWheel = -1.0f;
    }
    ImGui::NewFrame();
    view.draw(args.screenshot.empty() ? dt : 1.0f);
    ImGui::Render();
    glViewport(0, 0, int(io.DisplaySize.x * io.DisplayFramebufferScale.x), int(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!args.screenshot.empty() && --screenshot_frames == 0) {
      int w = 0, h = 0;
      SDL_GL_GetDrawableSize(window, &w, &h);
      bool ok = save_png(args.screenshot, w, h);
      std::printf(ok ? "saved %s (%dx%d)\n" : "error: cannot write %s\n", args.screenshot.c_str(), w, h);
      running = false;
    }
    SDL_GL_SwapWindow(window);
    if (first_frame_ms < 0) trace("first frame");
    if (first_frame_ms < 0)
      first_frame_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (cpu_at_warm >= 0) frame_ms.push_back(thread_cpu_ms() - cpu_before);
    --frames_to_draw;
    auto frame = std::chrono::duration<double>(1.0 / kMaxFps);
    auto spent = std::chrono::steady_clock::now() - now;
    if (spent < frame) std::this_thread::sleep_for(frame - spent);
  }
  if (args.stats) {
    std::sort(frame_ms.begin(), frame_ms.end());
    auto pct = [&](double q) { return frame_ms.empty() ? 0.0 : frame_ms[std::min(frame_ms.size() - 1, std::size_t(q * double(frame_ms.size())))]; };
    double wall = cpu_at_warm >= 0 ? std::chrono::duration<double>(std::chrono::steady_clock::now() - warm).count() : 0;
    double cpu = cpu_at_warm >= 0 ? process_cpu_seconds() - cpu_at_warm : 0;
    std::printf("{\"first_frame_ms\": %.1f, \"frames\": %zu, \"frame_cpu_median_ms\": %.3f, \"frame_cpu_p99_ms\": %.3f, "
                "\"cpu_share\": %.4f, \"peak_rss_mb\": %.1f, \"seconds\": %.1f}\n",
                first_frame_ms, frame_ms.size(), pct(0.5), pct(0.99), wall > 0 ? cpu / wall : 0, peak_rss_mb(), wall);
  }
  trace("leaving the loop");
  // Where the listener was is saved first, while the player still knows it. Closing the audio
  // device then waits out SDL's drain (two device periods), so it happens on a thread of its
  // own while the window goes away: from here on nothing else touches the session.
  SDL_HideWindow(window);
  media_keys.reset();  // off the bus before the session goes
  session.save_state();
  std::thread closer([&session] { session.close(); });
  view.set_podcasts(nullptr);
  podcasts.reset();  // cancels a download (its part is kept) and joins the workers, while SDL runs
  font_texture.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl);
  SDL_DestroyWindow(window);
  closer.join();
  trace("closed");
  SDL_Quit();
  trace("quit");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Tingdu (听读): listen to a podcast episode while reading its transcript"};
  Args args;
  app.add_option("TRANSCRIPT", args.transcript, "Transcript (Markdown, SRT, WebVTT, LRC, JSON, text); default: the bundled episode");
  app.add_option("--audio", args.audio, "Audio file; default: the one next to the transcript with the same name");
  app.add_option("--screenshot", args.screenshot, "Render the window once, save it as this PNG and exit");
  app.add_option("--at", args.at, "With --screenshot: the playback time to show");
  app.add_option("--size", args.size, "Window size WxH");
  app.set_version_flag("--version", std::string("tingdu ") + TINGDU_VERSION + " (bundled episode: " + ui::bundled_transcript() + ")");
  app.add_flag("--autoplay", args.autoplay, "Start playing at once");
  app.add_flag("--autoscroll", args.autoscroll, "(benchmark) scroll the transcript every frame");
  app.add_option("--quit-after", args.quit_after, "(benchmark) quit after this many seconds");
  app.add_flag("-v,--verbose", args.verbose, "Also print the log (FFmpeg's messages too) on stderr");
  app.add_option("--next-by", args.next_by, "What the desktop's Next and Previous (media keys) step through")
      ->check(CLI::IsMember({"turn", "chapter"}));
  app.add_flag("--stats", args.stats, "(benchmark) print first-frame time, frame CPU time, CPU share and peak memory on exit");
  CLI11_PARSE(app, argc, argv);
  return run(args);
}
