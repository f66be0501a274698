// The open episode and everything a listener does with it: the transcript and its timeline,
// the audio player, loops, anchors (tap to sync), follow mode and the state kept between runs.
// No drawing here: the views call these actions, and so do the tests, without a window.
//
// Threads: UI thread only.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "episode_state.h"
#include "media/player.h"
#include "sync/reader.h"
#include "sync/search.h"
#include "sync/timeline.h"

namespace tingdu::ui {

class Session {
 public:
  explicit Session(media::PlayerOptions player_options = {});
  ~Session();

  // Opens a transcript (and `audio`, or the audio found next to it: same name, any audio
  // extension; or the one remembered for it). Returns "" or an error naming the file; on error
  // the episode that was open stays open.
  std::string open(const std::string& transcript, const std::string& audio = "");
  // Opens audio for the open transcript. "" or the error; on error nothing changes.
  std::string open_audio(const std::string& audio);
  // A dropped file: a transcript or an audio file, told apart by its extension.
  std::string open_dropped(const std::string& path);

  bool has_episode() const { return read_ != nullptr; }
  bool has_audio() const { return player_.is_open(); }
  const sync::Episode& episode() const { return read_->episode; }
  const sync::Timeline& timeline() const { return *timeline_; }
  const sync::EpisodeSearch& search() const { return *search_; }
  const std::string& transcript_path() const { return transcript_path_; }
  const std::string& audio_path() const { return audio_path_; }
  media::AudioPlayer& player() { return player_; }

  // --- playback (seconds of media time)
  double position() const;
  double duration() const;
  bool playing() const;
  void play();
  void pause();
  void toggle_play();
  void seek(double seconds);
  void skip(double seconds);
  void previous_turn();  // to the current turn's start, or the one before when within 1 s of it
  void next_turn();
  void previous_chapter();
  void next_chapter();
  // A click on turn `turn` (or a chapter): seek to its start, and play when click_plays.
  void activate_turn(std::size_t turn);
  void activate_chapter(std::size_t chapter);
  bool click_plays = true;

  double speed() const { return speed_; }
  void set_speed(double speed);      // 0.5 to 2.0
  void change_speed(double delta);   // steps of kSpeedStep
  double volume() const { return volume_; }
  void set_volume(double volume);    // 0 to 1 here (the player allows boosting, the UI does not)
  static constexpr double kSpeedStep = 0.1;

  // --- loops
  void loop_chapter();
  void loop_turn();
  void set_loop_a(double at);
  void set_loop_b(double at);
  void loop_range(double a, double b);
  void clear_loop();
  std::optional<std::pair<double, double>> loop() const { return loop_; }
  std::optional<double> loop_a_mark() const { return loop_a_mark_; }
  int loop_times() const { return loop_times_; }
  void set_loop_times(int times);  // 0: forever

  // --- where we are
  std::optional<std::size_t> current_turn() const;
  std::optional<std::size_t> current_chapter() const;

  // --- anchors
  // Tap to sync: the turn heard starting now is anchored at the playhead. That turn is the one
  // after the last tapped turn when the last tap was under kTapChainSeconds ago (so tapping
  // along times consecutive turns), else the highlighted turn. Returns what happened.
  std::string tap_sync();
  std::string anchor_turn(std::size_t turn, double at);
  bool undo();
  bool redo();
  static constexpr double kTapChainSeconds = 30;

  // --- follow mode: the transcript view scrolls with playback
  bool follow = true;

  // Call once per frame: player events, state autosave. Messages for the status line accumulate.
  void update();
  std::vector<std::string> take_messages();
  const std::string& last_message() const { return last_message_; }
  // Puts a message on the status line (e.g. why a dropped file did not open).
  void say(std::string message);

  EpisodeState state() const;
  void save_state();
  int window_width = 1280, window_height = 800;
  float font_size = 20;

 private:
  void rebuild_timeline();
  void apply_loop();
  void save_anchors();
  bool step_anchors(bool back);
  std::string find_audio_for(const std::string& transcript) const;

  media::AudioPlayer player_;
  std::unique_ptr<sync::ReadResult> read_;
  std::unique_ptr<sync::Timeline> timeline_;
  std::unique_ptr<sync::EpisodeSearch> search_;
  std::string transcript_path_, audio_path_, key_;
  std::filesystem::path anchor_path_;

  double speed_ = 1, volume_ = 1;
  std::optional<std::pair<double, double>> loop_;
  std::optional<double> loop_a_mark_;
  int loop_times_ = 0;
  std::optional<std::size_t> last_tap_turn_;
  double last_tap_time_ = -1e9;

  // Without audio the clock runs on the wall clock (so the text can still be followed).
  bool wall_playing_ = false;
  double wall_base_ = 0;
  std::chrono::steady_clock::time_point wall_base_time_;

  std::vector<std::string> messages_;
  std::string last_message_;
  std::chrono::steady_clock::time_point last_save_;
};

}  // namespace tingdu::ui
