// What Tingdu remembers per episode between runs ("resume at 1:23:45"), and the recent list.
// Files under $XDG_STATE_HOME/tingdu/ (default ~/.local/state/tingdu/), written atomically.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "practice.h"
#include "sync/state_dir.h"

namespace tingdu::ui {

struct EpisodeState {
  double position = 0;   // seconds
  double speed = 1;
  double volume = 1;
  bool follow = true;
  std::optional<std::pair<double, double>> loop;  // seconds
  int loop_times = 0;    // 0: forever
  int window_width = 1280, window_height = 800;
  float font_size = 20;  // pixels before HiDPI scaling
  std::string audio;     // the audio file last used with this transcript
  PracticeSettings practice;
  bool skip_untranscribed = false;  // play over the stretches no turn covers (ads, music)
  bool real_audio_offered = false;  // the notice offering the real audio for a narration was shown

  bool operator==(const EpisodeState&) const = default;
};

using sync::state_dir;

// Reads the state kept for the transcript with this key (sync::transcript_key). A missing or
// unreadable file gives the defaults (an unreadable one is reported in `problem`).
EpisodeState load_episode_state(const std::string& key, std::string* problem = nullptr);
// Returns "" or the error.
std::string save_episode_state(const std::string& key, const EpisodeState& state);

// Most recent first, at most kRecent, without duplicates.
inline constexpr std::size_t kRecent = 10;
std::vector<std::string> load_recent();
std::string remember_recent(const std::string& transcript_path);

}  // namespace tingdu::ui
