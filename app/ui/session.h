// The open episode and everything a listener does with it: the transcript and its timeline,
// the audio player, loops, anchors (tap to sync), follow mode and the state kept between runs.
// No drawing here: the views call these actions, and so do the tests, without a window.
//
// Session composes the concerns below, each its own type with its own header: the audio player
// (media/player.h), the search index built on a worker (search_build.h), the clock without audio
// (wall_clock.h), the status line and errors (status_messages.h), sentence practice
// (practice.h), the alignment job (alignment_job.h) and the kept state (episode_state.h).
//
// Threads: UI thread only, but for the workers the composed types own (search, alignment).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alignment_job.h"
#include "at_start.h"
#include "episode_state.h"
#include "practice.h"
#include "search_build.h"
#include "status_messages.h"
#include "wall_clock.h"
#include "media/player.h"
#include "sync/reader.h"
#include "sync/search.h"
#include "sync/timeline.h"

namespace tingdu::ui {

class Session {
 public:
  explicit Session(media::PlayerOptions player_options = {});
  ~Session();  // close()

  // Saves what the listener was doing (position included), then closes the audio and the
  // episode. Call before tearing down anything the player needs (SDL); safe to call twice.
  void close();

  // Opens a transcript with `audio`; without it, the audio last opened for this episode, else
  // the audio found next to it (same name, any audio extension), else `fallback_audio`.
  // `growing`: `audio` is still downloading (media/growing_file.h): it plays as it arrives, and
  // the alignment runs once it is whole. Returns "" or an error naming the file; on error the
  // episode that was open stays open.
  std::string open(const std::string& transcript, const std::string& audio = "", const std::string& fallback_audio = "",
                   std::shared_ptr<const media::GrowingFile> growing = nullptr);
  // Opens audio for the open transcript. "" or the error; on error nothing changes.
  std::string open_audio(const std::string& audio);
  // A dropped file: a transcript or an audio file, told apart by its extension.
  std::string open_dropped(const std::string& path);
  // A file named to the program: a transcript, or an audio file whose transcript lies next to
  // it under the same name (episode.mp3 -> episode.md, .srt, ...).
  std::string open_file(const std::string& path);

  bool has_episode() const { return read_ != nullptr; }
  bool has_audio() const { return player_.is_open(); }
  const sync::Episode& episode() const { return read_->episode; }
  const sync::Timeline& timeline() const { return *timeline_; }
  // The episode's search, or nullptr while open() is still preparing it on a worker thread
  // (search_build.h). The wake function is called when it becomes ready.
  const sync::EpisodeSearch* search() { return search_.get(); }
  sync::Format format() const { return read_->format; }
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
  // A click on turn `turn` (or a chapter): seek to its start, and play when click_plays. A turn
  // or chapter past the end of the audio is not played: the status line says why.
  void activate_turn(std::size_t turn);
  void activate_chapter(std::size_t chapter);
  bool click_plays = true;
  // True when `seconds` lies past the end of the open audio (nothing can play there).
  bool past_audio_end(double seconds) const;

  double speed() const { return speed_; }
  void set_speed(double speed);      // 0.5 to 2.0
  // To the next of kSpeeds above (+1) or below (-1) the current speed.
  void step_speed(int direction);
  double volume() const { return volume_; }
  void set_volume(double volume);    // 0 to 1 (as recorded at most; the same range as tingdu-cli)
  void step_volume(int direction);   // by kVolumeStep
  bool muted() const { return player_.muted(); }
  void toggle_mute();
  // The speeds -/+ step through: the usual ones, so 0.75x and 1.0x are always reachable.
  static constexpr double kSpeeds[] = {0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0, 1.1, 1.2, 1.25, 1.3, 1.4, 1.5, 1.75, 2.0};
  static constexpr double kVolumeStep = 0.1;

  // --- loops
  // Every loop holds for what is heard: when the playhead is outside [a, b) as the loop is set
  // (B set at the playhead, or a loop picked on another turn), playback goes to a. Looping a
  // chapter or a turn starts it over, so each time heard is a whole one.
  void loop_chapter();
  void loop_turn();                  // the current turn
  void loop_turn(std::size_t turn);  // turn `turn`, from its start to just after its speech ends
  // Where a loop of turn `turn` ends: the end of its speech plus kLoopTail, and, while that end
  // is only estimated, plus the estimate's uncertainty (at most kLoopSlack): cutting the turn's
  // last words is worse than hearing the next turn begin.
  double turn_loop_end(std::size_t turn) const;
  static constexpr double kLoopTail = 0.3, kLoopSlack = 2.0;
  void set_loop_a(double at);
  void set_loop_b(double at);
  void loop_range(double a, double b);
  void clear_loop();
  std::optional<std::pair<double, double>> loop() const { return loop_; }
  std::optional<double> loop_a_mark() const { return loop_a_mark_; }
  // How many times a loop is heard (0: until cleared).
  int loop_times() const { return loop_times_; }
  void set_loop_times(int times);

  // --- where we are
  // (Within kAtStart of a start, the playhead is at it: at_start.h. Through a shadowing pause,
  // though, the current turn and sentence are the ones just heard, which the listener says back.)
  std::optional<std::size_t> current_turn() const;
  std::optional<std::size_t> current_chapter() const;

  // --- sentences (indices into timeline().sentences(); session_sentences.cpp)
  std::optional<std::size_t> current_sentence() const;
  // A click on a sentence: as activate_turn, from the sentence's start.
  void activate_sentence(std::size_t sentence);
  void previous_sentence();  // to the current sentence's start, or the one before within 1 s of it
  void next_sentence();
  void loop_sentence();  // the current one
  void loop_sentence(std::size_t sentence);
  // Pins where `sentence` starts (a turn's first sentence pins the turn). Returns what happened.
  std::string anchor_sentence(std::size_t sentence, double at);
  // Tap to sync, a sentence at a time: the sentence after the last tapped one (within
  // kTapChainSeconds), else the highlighted one, starts at the playhead.
  std::string tap_sentence();

  // --- practice a sentence at a time (practice.h): runs while no loop of the listener's is set
  const PracticeSettings& practice() const { return practice_settings_; }
  void set_practice(const PracticeSettings& settings);
  // "shadowing (pause 1.5x), each sentence 3 times", for the status line.
  std::string practice_summary() const;
  // "loop 0:40 - 0:50 (heard 3 times)" for the loop set, "" without one: said when it is set,
  // and on the status line while it stands.
  std::string loop_summary() const;
  // The sentence being practised, while practice runs.
  std::optional<std::size_t> practice_sentence() const { return practice_.sentence(); }
  // Shadowing, in the silence after a hearing: the listener's turn to say the sentence back.
  bool your_turn() const;
  // What H (Shift+H) and R step through.
  static constexpr double kShadowFactors[] = {1.0, 1.5, 2.0, 3.0};
  static constexpr int kRepeats[] = {1, 2, 3, 5};
  void toggle_shadowing();
  void step_shadow_factor();
  void step_repeat();
  void toggle_listen_first();

  // --- anchors
  // Tap to sync: the turn heard starting now is anchored at the playhead. That turn is the one
  // after the last tapped turn when the last tap was under kTapChainSeconds ago (so tapping
  // along times consecutive turns), else the highlighted turn. Returns what happened.
  std::string tap_sync();
  std::string anchor_turn(std::size_t turn, double at);
  bool undo();
  bool redo();
  static constexpr double kTapChainSeconds = 30;

  // --- alignment to the audio (alignment.h), run in the background when an episode opens
  // with audio, and again around each anchor the listener sets
  const std::optional<sync::AlignmentResult>& alignment() const { return alignment_; }
  AlignmentJob::Progress alignment_progress() const { return job_ ? job_->progress() : AlignmentJob::Progress{}; }
  // Wakes the window's loop from worker threads (the player's and the alignment's). Set before open().
  void set_wake(std::function<void()> wake);
  // tingdu-cli's path: whole alignments then run in it as a process of their own
  // (alignment_worker.h), not in this one. Set before open(); "" (the default) aligns here.
  void set_alignment_worker(std::string cli_path) { alignment_worker_ = std::move(cli_path); }

  // --- stretches of the audio no turn covers (ads, music, an intro the text leaves out), as the
  // alignment found them: played, or skipped while playing (gapless), kept per episode
  bool skip_untranscribed() const { return skip_untranscribed_; }
  // Whether the notice offering the real audio of a narration was shown for this episode (kept
  // with it: it is shown once, the Podcasts panel keeps the offer).
  bool real_audio_offered() const { return real_audio_offered_; }
  void mark_real_audio_offered() { real_audio_offered_ = true; }
  void toggle_skip_untranscribed();

  // --- follow mode: the transcript view scrolls with playback
  bool follow = true;

  // Call once per frame: player events, state autosave. Messages for the status line accumulate.
  void update();
  std::vector<std::string> take_messages() { return status_.take(); }
  const std::string& last_message() const { return status_.last(); }
  // The last message while it is news (said under kMessageSeconds ago), else "".
  std::string recent_message() const { return status_.recent(); }
  static constexpr double kMessageSeconds = StatusMessages::kMessageSeconds;
  // Puts a message on the status line (e.g. "loop cleared"); the next one replaces it.
  void say(std::string message) { status_.say(std::move(message)); }
  // A problem the listener must see (a file that would not open, audio far shorter than the
  // transcript): it stays on screen until dismissed. Also said on the status line.
  void report_error(std::string message) { status_.report_error(std::move(message)); }
  const std::vector<std::string>& errors() const { return status_.errors(); }
  // The parts of the transcript its reader skipped (bad cues): each into the log, and the
  // first, with their count, as an error the listener sees.
  void report_skipped(const std::vector<sync::Diagnostic>& diagnostics);
  void dismiss_error(std::size_t i) { status_.dismiss_error(i); }

  EpisodeState state() const;
  void save_state();
  // State is written when it changed, at most this often, and always on close.
  static constexpr auto kAutosave = std::chrono::seconds(2);
  int window_width = 1280, window_height = 800;
  float font_size = 20;

 private:
  void rebuild_timeline();
  void start_alignment();
  void anchors_changed(const std::map<std::size_t, double>& before);
  void check_audio_length();
  // Loops [a, b), going to a first: always (from_start), when the playhead is outside
  // (if_outside), or never (at_playhead: the player jumps to a itself when B is at or before the
  // playhead, the pass just heard counting as the first).
  enum class Entry { from_start, if_outside, at_playhead };
  void set_loop_span(double a, double b, Entry entry);
  void apply_loop();
  void save_anchors();
  bool step_anchors(bool back);
  void practise();  // once a frame
  void apply_skips();  // the untranscribed stretches to the player, when they are skipped
  std::string find_audio_for(const std::string& transcript) const;

  media::AudioPlayer player_;
  std::unique_ptr<sync::ReadResult> read_;
  std::unique_ptr<sync::Timeline> timeline_;
  // Its worker reads read_->episode: close() joins it before the episode goes.
  SearchBuild search_;
  std::string transcript_path_, audio_path_, key_;
  std::string transcript_bytes_;  // as read: the alignment's cache is keyed by them
  std::function<void()> wake_;
  std::string alignment_worker_;
  std::unique_ptr<AlignmentJob> job_;  // while there is audio
  std::shared_ptr<const media::GrowingFile> downloading_;  // the audio, while it still downloads
  std::optional<sync::AlignmentResult> alignment_;  // the latest the job delivered
  std::filesystem::path anchor_path_;

  double speed_ = 1, volume_ = 1;
  std::optional<std::pair<double, double>> loop_;
  std::optional<double> loop_a_mark_;
  int loop_times_ = 0;
  // Where the pass being heard began (seconds): a seek's target, or A after a jump back; a pass
  // begun after A is no whole pass and is not counted in loop_times_.
  double pass_began_ = 0, last_heard_ = 0;
  std::optional<std::size_t> last_tap_turn_;
  double last_tap_time_ = -1e9;
  std::optional<std::size_t> last_tap_sentence_;
  double last_tap_sentence_time_ = -1e9;
  PracticeSettings practice_settings_;
  bool skip_untranscribed_ = false;
  bool real_audio_offered_ = false;
  SentencePractice practice_;
  std::optional<double> hearing_ended_;  // where the last sentence practised had its last hearing end
  double reading_time() const;           // what current_turn(), current_sentence() and current_chapter() look up

  WallClock wall_;  // the playhead while there is no audio
  StatusMessages status_;
  std::chrono::steady_clock::time_point last_save_;
  std::optional<EpisodeState> saved_;  // what the state file holds (nothing is written when unchanged)
};

}  // namespace tingdu::ui
