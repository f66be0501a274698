// Driving the window's logic headless: real ImGui frames (no renderer) with injected mouse and
// keys, against a real audio engine on SDL's dummy or disk driver.
#pragma once

#include <catch2/catch.hpp>

#include <SDL_keycode.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "player_view.h"
#include "session.h"

namespace tingdu::test {

inline std::filesystem::path ui_temp_dir() {
  static const auto dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("tingdu-ui-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

// Writes a three-chapter transcript (0:00, 0:30, 1:00; four turns each, two speakers) named
// `name`.md in the temp folder, and returns its path.
inline std::string write_episode(const std::string& name) {
  auto md = ui_temp_dir() / (name + ".md");
  std::ofstream f(md);
  f << "测试节目\n\n## 内容整理\n```\n├── 0:00 开场\n│   └── 介绍\n├── 0:30 中段\n└── 1:00 结尾\n```\n\n## 视频脚本\n";
  const char* chapters[] = {"**0:00 - 开场**", "**0:30 - 中段**", "**1:00 - 结尾**"};
  for (int c = 0; c < 3; ++c) {
    f << chapters[c] << "\n\n";
    for (int t = 0; t < 4; ++t)
      f << (t % 2 ? "**乙:** " : "**甲:** ") << "这是第" << c * 4 + t << "段话，我们在这里说一些内容，让它有一定的长度。\n\n";
  }
  return md.string();
}

// ImGui without a window: frames are built and rendered to draw lists only.
struct Headless {
  explicit Headless(ui::Session& s, ImVec2 size = ImVec2(1280, 800)) : view(s) {
    ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = size;
    io.IniFilename = nullptr;
    io.DeltaTime = 1.0f / 60;
    io.KeyMap[ImGuiKey_Enter] = kEnterKey;
    io.Fonts->AddFontDefault();
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    view.set_font(io.Fonts->Fonts[0], 16);
  }
  ~Headless() { ImGui::DestroyContext(ctx); }
  void frame(int n = 1) {
    for (int i = 0; i < n; ++i) {
      ImGui::NewFrame();
      view.draw(1.0f / 60);
      ImGui::Render();
      ImGui::GetIO().MouseWheel = 0;
    }
  }
  void click(ImVec2 at, int button = 0) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    frame();
    io.MouseDown[button] = true;
    frame();
    io.MouseDown[button] = false;
    frame();
  }
  // A key as the window delivers it: the key-down event (to shortcuts unless a text field is
  // being edited), and its character as text input, then a frame.
  void type(int key, char text = 0, int mod = 0) {
    view.key_down(key, mod);
    if (text) ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(text));
    frame();
  }
  void press_enter(bool shift = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyShift = shift;
    view.key_down(SDLK_RETURN, shift ? KMOD_LSHIFT : 0);
    io.KeysDown[kEnterKey] = true;
    frame();
    io.KeysDown[kEnterKey] = false;
    io.KeyShift = false;
    frame(2);  // a key press spans frames; ImGui hands the field back on the next one
  }
  static constexpr int kEnterKey = 13;  // our slot for Enter in io.KeysDown
  ImGuiContext* ctx;
  ui::PlayerView view;
};

// Waits (polling `session.update()`) until `done()` holds; false after `limit` seconds. A bound
// for a loaded machine, not a timing assertion.
template <class F>
bool wait_until(ui::Session& session, F done, double limit = 30) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    session.update();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace tingdu::test
