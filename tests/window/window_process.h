// The real window as a process for tests: an Xvfb display of its own, a small episode with a
// generated audio file, and starting, waiting for and reaping processes. Shared by the window's
// process tests (quit and reopen, MPRIS).
#pragma once

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "media/fixtures.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace tingdu::window_test {

inline std::filesystem::path temp_dir() {
  static const auto dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("tingdu-window-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env, int out_fd = -1) {
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> all(env);
  for (char** e = environ; *e; ++e) all.emplace_back(*e);  // ours come first and win
  for (auto& e : all) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  int devnull = open("/dev/null", O_WRONLY);
  posix_spawn_file_actions_adddup2(&actions, devnull, STDERR_FILENO);
  if (out_fd >= 0) posix_spawn_file_actions_adddup2(&actions, out_fd, 3);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(devnull);
  return rc == 0 ? pid : -1;
}

// Kills what a test started if the test ends early (a failed REQUIRE), so nothing outlives it.
struct Reaper {
  explicit Reaper(pid_t& pid) : pid(pid) {}
  ~Reaper() {
    if (pid > 0 && waitpid(pid, nullptr, WNOHANG) == 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
  pid_t& pid;
};

// Waits for `pid`; its wait status, or nullopt when it did not end within `limit` seconds.
inline std::optional<int> wait_exit(pid_t& pid, double limit = 60) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit);
  while (std::chrono::steady_clock::now() < until) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;  // reaped
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::nullopt;
}

// An X server of our own for the test's lifetime (Xvfb -displayfd picks a free display).
struct VirtualDisplay {
  VirtualDisplay() {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid = spawn({"Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp"}, {}, fds[1]);
    close(fds[1]);
    REQUIRE(pid > 0);
    // Xvfb writes the number once it is ready, then a newline in a write of its own, and dies
    // ("Cannot write display number") if the pipe is closed in between: read up to the newline.
    display = ":";
    char c = 0;
    while (read(fds[0], &c, 1) == 1 && c != '\n') display += c;
    close(fds[0]);
    REQUIRE(display.size() > 1);
  }
  ~VirtualDisplay() {
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
  }
  pid_t pid;
  std::string display;
};

struct Episode {
  Episode() {
    transcript = (temp_dir() / "ep.md").string();
    std::ofstream f(transcript);
    f << "测试节目\n\n## 内容整理\n```\n├── 0:00 开场\n├── 0:30 中段\n└── 1:00 结尾\n```\n\n## 视频脚本\n";
    const char* chapters[] = {"**0:00 - 开场**", "**0:30 - 中段**", "**1:00 - 结尾**"};
    for (int c = 0; c < 3; ++c) {
      f << chapters[c] << "\n\n";
      for (int t = 0; t < 4; ++t) f << (t % 2 ? "**乙:** " : "**甲:** ") << "这是第" << c * 4 + t << "段话。\n\n";
    }
    std::string cmd = "ffmpeg -nostdin -y -loglevel error -f lavfi -i sine=frequency=300:duration=90 -ar 48000 " +
                      (temp_dir() / "ep.flac").string();
    REQUIRE(std::system(cmd.c_str()) == 0);
    state = temp_dir() / "state";
    std::filesystem::remove_all(state);
  }
  // The position in the per-episode state file (there is one episode), or -1 while none.
  double saved_position() const {
    auto dir = state / "tingdu" / "episodes";
    if (!std::filesystem::is_directory(dir)) return -1;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() != ".json") continue;
      std::ifstream in(e.path());
      auto doc = nlohmann::json::parse(in, nullptr, false);
      if (doc.is_object() && doc.contains("position")) return doc["position"].get<double>();
    }
    return -1;
  }
  std::optional<std::pair<double, double>> saved_loop() const {
    for (const auto& e : std::filesystem::directory_iterator(state / "tingdu" / "episodes")) {
      std::ifstream in(e.path());
      auto doc = nlohmann::json::parse(in, nullptr, false);
      if (doc.is_object() && doc.contains("loop")) return std::pair{doc["loop"][0].get<double>(), doc["loop"][1].get<double>()};
    }
    return std::nullopt;
  }
  // Whether the window's log (what its status line said among it) holds `text` yet.
  bool log_says(const std::string& text) const {
    std::ifstream in(state / "tingdu" / "tingdu.log");
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return all.find(text) != std::string::npos;
  }
  // `audio_out`: play through SDL's disk driver into this file (else the dummy driver).
  pid_t start(const VirtualDisplay& x, std::vector<std::string> extra = {}, const std::string& audio_out = "") const {
    std::vector<std::string> argv{TINGDU_WINDOW, transcript, "--size", "1000x700"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    std::vector<std::string> env{"DISPLAY=" + x.display, "XDG_STATE_HOME=" + state.string(), "ASAN_OPTIONS=detect_leaks=0"};
    if (audio_out.empty()) env.push_back("SDL_AUDIODRIVER=dummy");
    else env.insert(env.end(), {"SDL_AUDIODRIVER=disk", "SDL_DISKAUDIOFILE=" + audio_out});
    return spawn(argv, env);
  }
  // Starts the window without playing, lets it quit by itself, and returns where it resumed
  // (what it saved on the way out: it never moved).
  double resume_position(const VirtualDisplay& x) const {
    pid_t pid = start(x, {"--quit-after", "1.5"});
    Reaper reaper(pid);
    REQUIRE(pid > 0);
    auto status = wait_exit(pid);
    REQUIRE(status);
    CHECK(WIFEXITED(*status));
    return saved_position();
  }
  std::string transcript;
  std::filesystem::path state;
};

template <class F>
bool wait_for(F done, double limit = 60) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace tingdu::window_test
