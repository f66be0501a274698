#include "session.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>

#include "app_log.h"
#include "sync/anchor_file.h"
#include "sync/time_format.h"

namespace tingdu::ui {
namespace {

constexpr std::array<const char*, 10> kAudioExtensions{".mp3", ".m4a", ".m4b", ".aac", ".opus", ".ogg",
                                                        ".flac", ".wav", ".mp4", ".webm"};
constexpr std::array<const char*, 7> kTranscriptExtensions{".md", ".markdown", ".srt", ".vtt", ".lrc", ".json", ".txt"};
// Audio counts as "much shorter" than the transcript when the last chapter starts this far or
// more past its end (an outline time can be off by tens of seconds; a missing hour cannot).
constexpr double kShortAudioSlack = 60;

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return ext;
}

template <class A>
bool has(const A& list, const std::string& ext) {
  return std::find(list.begin(), list.end(), ext) != list.end();
}

}  // namespace

Session::Session(media::PlayerOptions player_options) : player_(player_options) {
  last_save_ = std::chrono::steady_clock::now();
}

Session::~Session() { close(); }

void Session::set_wake(std::function<void()> wake) {
  wake_ = wake;
  player_.set_wake(std::move(wake));
}

void Session::close() {
  if (!has_episode()) return;
  job_.reset();  // cancels the alignment (promptly) before what it reads goes away
  search_.join();  // likewise: the index build reads the episode (and can't be cancelled)
  save_state();  // before the player closes: its position is what the listener comes back to
  player_.close();
  timeline_.reset();
  read_.reset();
  saved_.reset();
}

std::string Session::find_audio_for(const std::string& transcript) const {
  std::filesystem::path p(transcript);
  for (const char* ext : kAudioExtensions) {
    auto candidate = p;
    candidate.replace_extension(ext);
    if (std::filesystem::exists(candidate)) return candidate.string();
  }
  return {};
}

std::string Session::open(const std::string& transcript, const std::string& audio, const std::string& fallback_audio,
                          std::shared_ptr<const media::GrowingFile> growing) {
  std::ifstream in(transcript, std::ios::binary);
  if (!in) return transcript + ": cannot open this file";
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto read = std::make_unique<sync::ReadResult>(sync::parse_transcript(bytes, transcript));
  for (const auto& d : read->diagnostics)
    if (d.severity == sync::Severity::error) {
      // A file none of whose cues could be read: the first bad one says where to look.
      auto skipped = std::find_if(read->diagnostics.begin(), read->diagnostics.end(), [](auto& x) { return x.skipped; });
      return sync::to_string(d) + (skipped != read->diagnostics.end() ? " (the first: " + sync::to_string(*skipped) + ")" : "");
    }

  close();
  read_ = std::move(read);
  transcript_bytes_ = std::move(bytes);
  alignment_.reset();
  transcript_path_ = transcript;
  key_ = sync::transcript_key(transcript_bytes_);
  anchor_path_ = sync::default_anchor_path(transcript_bytes_);
  search_.start(read_->episode, wake_);
  loop_.reset();
  loop_a_mark_.reset();
  last_tap_turn_.reset();
  wall_ = WallClock{};
  status_.clear_errors();
  report_skipped(read_->diagnostics);

  std::string problem;
  EpisodeState st = load_episode_state(key_, &problem);
  if (!problem.empty()) say(problem);
  saved_ = st;
  window_width = st.window_width;
  window_height = st.window_height;
  font_size = st.font_size;
  follow = st.follow;

  audio_path_.clear();
  // What the listener chose last for this episode wins over what lies next to it, and both
  // over the fallback (the bundled episode's generated narration).
  std::string chosen = !audio.empty() ? audio : (!st.audio.empty() && std::filesystem::exists(st.audio)) ? st.audio : find_audio_for(transcript);
  if (chosen.empty()) chosen = fallback_audio;
  downloading_.reset();
  if (!chosen.empty()) {
    if (chosen != audio) growing.reset();
    if (std::string error = player_.open(chosen, growing); !error.empty()) report_error(error);
    else audio_path_ = chosen, downloading_ = std::move(growing);
  }
  rebuild_timeline();
  check_audio_length();
  if (!anchor_path_.empty()) {
    auto load = sync::load_anchors(anchor_path_, read_->episode.turn_count());
    for (const auto& p : load.problems) say(p);
    for (const auto& why : sync::apply_anchors(load, *timeline_)) say(why);
  }
  set_volume(st.volume);
  set_speed(st.speed);
  loop_times_ = std::max(0, st.loop_times);
  set_practice(st.practice);
  skip_untranscribed_ = st.skip_untranscribed;
  real_audio_offered_ = st.real_audio_offered;
  start_alignment();
  if (st.position > 1 && st.position < duration()) seek(st.position);
  // A loop comes back only when the listener was inside or before it (a loop always pulls
  // playback into itself, and resuming must land where they were).
  if (st.loop && st.loop->second > position()) set_loop_span(st.loop->first, st.loop->second, Entry::at_playhead);
  if (position() > 0) say("resume at " + sync::format_clock(position()));
  remember_recent(std::filesystem::absolute(transcript).string());
  return {};
}

std::string Session::open_audio(const std::string& audio) {
  if (!has_episode()) return audio + ": open a transcript first";
  double at = position();
  // Probe first: opening closes the current audio, and a bad file must not cost the listener it.
  if (auto probe = media::probe_audio(audio); !probe.info) return probe.error;
  if (std::string error = player_.open(audio); !error.empty()) return error;
  audio_path_ = audio;
  alignment_.reset();
  rebuild_timeline();
  check_audio_length();
  start_alignment();
  player_.set_volume(volume_);
  player_.set_speed(speed_);
  seek(std::min(at, duration()));
  apply_loop();
  return {};
}

std::string Session::open_file(const std::string& path) {
  if (has(kTranscriptExtensions, lower_extension(path)) || !has(kAudioExtensions, lower_extension(path))) return open(path);
  for (const char* ext : kTranscriptExtensions) {
    auto candidate = std::filesystem::path(path).replace_extension(ext);
    if (std::filesystem::exists(candidate)) return open(candidate.string(), path);
  }
  return path + ": an audio file, and no transcript with its name lies next to it (" +
         std::filesystem::path(path).stem().string() + ".md, .srt, .vtt, ...): open the transcript, with --audio " + path;
}

std::string Session::open_dropped(const std::string& path) {
  std::string ext = lower_extension(path);
  if (has(kTranscriptExtensions, ext)) return open(path);
  return open_audio(path);
}

void Session::check_audio_length() {
  if (!player_.is_open() || read_->episode.chapters.empty()) return;
  double audio = player_.duration(), last = read_->episode.chapters.back().start;
  if (audio > 0 && last > audio + kShortAudioSlack)
    report_error(audio_path_ + " lasts " + sync::format_clock(audio) + " but the transcript's chapters run to " +
                 sync::format_clock(last) + " and beyond: what lies past " + sync::format_clock(audio) +
                 " can't be played (greyed out)");
}

void Session::rebuild_timeline() {
  std::optional<double> d;
  if (player_.is_open() && player_.duration() > 0) d = player_.duration();
  sync::AnchorLoad kept;  // the listener's anchors carry over to the new timeline
  if (timeline_) kept = {timeline_->anchors(), timeline_->sentence_anchors(), {}};
  timeline_ = std::make_unique<sync::Timeline>(read_->episode, d);
  sync::apply_anchors(kept, *timeline_);
  if (alignment_) timeline_->set_alignment(*alignment_);
}

void Session::start_alignment() {
  job_.reset();
  if (!player_.is_open()) return;
  if (downloading_ && !downloading_->whole()) return;  // update() starts it once the file is whole
  job_ = std::make_unique<AlignmentJob>(
      read_->episode, AlignmentJob::Source{transcript_bytes_, transcript_path_, audio_path_, alignment_worker_}, wake_);
  job_->align(timeline_->anchors());
}

void Session::anchors_changed(const std::map<std::size_t, double>& before) {
  if (!job_) return;
  std::vector<std::size_t> changed;
  const auto& now = timeline_->anchors();
  for (auto [turn, time] : before)
    if (auto it = now.find(turn); it == now.end() || it->second != time) changed.push_back(turn);
  for (auto [turn, time] : now)
    if (!before.count(turn)) changed.push_back(turn);
  if (!changed.empty()) job_->realign(now, std::move(changed));
}

// ------------------------------------------------------------------ playback

double Session::position() const {
  return player_.is_open() ? player_.position() : wall_.position(speed_, duration());
}

double Session::duration() const {
  if (player_.is_open() && player_.duration() > 0) return player_.duration();
  return timeline_ ? timeline_->duration() : 0;
}

bool Session::playing() const { return player_.is_open() ? player_.is_playing() : wall_.running(); }

void Session::play() {
  if (player_.is_open()) return player_.play();
  wall_.start(position() >= duration() ? 0 : position());
}

void Session::pause() {
  if (player_.is_open()) return player_.pause();
  wall_.stop(position());
}

void Session::toggle_play() { playing() ? pause() : play(); }

void Session::seek(double seconds) {
  seconds = std::clamp(seconds, 0.0, duration());
  practice_.moved();
  hearing_ended_.reset();
  pass_began_ = last_heard_ = seconds;
  if (player_.is_open()) return player_.seek(seconds);
  wall_.set(seconds);
}

void Session::skip(double seconds) { seek(position() + seconds); }

double Session::reading_time() const { return your_turn() ? position() - kAtStart : position() + kAtStart; }

std::optional<std::size_t> Session::current_turn() const {
  if (!has_episode()) return std::nullopt;
  return timeline_->turn_at(reading_time());
}

std::optional<std::size_t> Session::current_chapter() const {
  if (!has_episode()) return std::nullopt;
  return timeline_->chapter_at(reading_time());  // at a chapter's start once moved there (at_start.h)
}

void Session::previous_turn() {
  auto t = current_turn();
  if (!t) return seek(0);
  // Like a player's "previous track": the first press restarts the current turn.
  if (position() - timeline_->start_of(*t) > 1.0 || *t == 0) return seek(timeline_->start_of(*t));
  seek(timeline_->start_of(*t - 1));
}

void Session::next_turn() {
  auto t = current_turn();
  std::size_t next = t ? *t + 1 : 0;
  if (next < timeline_->turns().size()) seek(timeline_->start_of(next));
}

void Session::previous_chapter() {
  auto c = current_chapter();
  if (!c) return;
  const auto& chapters = timeline_->chapters();
  if (position() - chapters[*c].start > 2.0 || *c == 0) return seek(chapters[*c].start);
  seek(chapters[*c - 1].start);
}

void Session::next_chapter() {
  auto c = current_chapter();
  std::size_t next = c ? *c + 1 : 0;
  if (next < timeline_->chapters().size()) seek(timeline_->chapters()[next].start);
}

bool Session::past_audio_end(double seconds) const {
  return player_.is_open() && player_.duration() > 0 && seconds >= player_.duration();
}

void Session::activate_turn(std::size_t turn) {
  if (turn >= timeline_->turns().size()) return;
  double start = timeline_->start_of(turn);
  if (past_audio_end(start))
    return say("turn " + std::to_string(turn) + " (" + sync::format_clock(start) + ") lies past the end of the audio (" +
               sync::format_clock(player_.duration()) + ")");
  seek(start);
  follow = true;
  if (click_plays) play();
}

void Session::activate_chapter(std::size_t chapter) {
  if (chapter >= timeline_->chapters().size()) return;
  double start = timeline_->chapters()[chapter].start;
  if (past_audio_end(start))
    return say("this chapter (" + sync::format_clock(start) + ") lies past the end of the audio (" +
               sync::format_clock(player_.duration()) + ")");
  seek(start);
  follow = true;
  if (click_plays) play();
}

void Session::set_speed(double speed) {
  const double at = position();  // at the old speed
  speed_ = std::clamp(std::round(speed * 100) / 100, media::AudioPlayer::kMinSpeed, media::AudioPlayer::kMaxSpeed);
  if (player_.is_open()) player_.set_speed(speed_);
  else wall_.set(at);
}

void Session::step_speed(int direction) {
  // From a speed between two steps (set with the slider), the next step in that direction.
  constexpr double kEpsilon = 1e-6;
  double next = speed_;
  if (direction > 0) {
    for (double s : kSpeeds)
      if (s > speed_ + kEpsilon) {
        next = s;
        break;
      }
  } else {
    for (double s : kSpeeds)
      if (s < speed_ - kEpsilon) next = s;
  }
  set_speed(next);
  char text[32];
  std::snprintf(text, sizeof text, "speed %.2fx", speed_);
  say(text);
}

void Session::set_volume(double volume) {
  volume_ = std::clamp(volume, 0.0, 1.0);
  player_.set_volume(volume_);
}

void Session::step_volume(int direction) {
  set_volume(std::round((volume_ + direction * kVolumeStep) / kVolumeStep) * kVolumeStep);
  if (player_.muted()) player_.set_muted(false);
  say("volume " + std::to_string(int(std::lround(volume_ * 100))) + "%");
}

void Session::toggle_mute() {
  player_.set_muted(!player_.muted());
  say(player_.muted() ? "muted" : "sound on");
}

// ------------------------------------------------------------------ loops

void Session::apply_loop() {
  if (!player_.is_open()) return;
  practice_.release();  // the player's loop is the listener's
  // The player counts the pass in progress; the listener counts whole passes heard from A.
  const double at = position();
  const bool partial = loop_ && pass_began_ > loop_->first + 1e-3 && at >= pass_began_ && at < loop_->second;
  if (loop_) player_.set_loop(loop_->first, loop_->second, loop_times_ > 0 && partial ? loop_times_ + 1 : loop_times_);
  else player_.clear_loop();
}

void Session::loop_range(double a, double b) { set_loop_span(a, b, Entry::if_outside); }

void Session::set_loop_span(double a, double b, Entry entry) {
  if (b < a) std::swap(a, b);
  if (b - a < 0.05) return;
  double at = position();
  // A loop picked elsewhere starts from its beginning, and that pass is the first one heard.
  if (entry == Entry::from_start || (entry == Entry::if_outside && (at < a || at >= b))) seek(a);
  loop_ = std::pair{a, b};
  loop_a_mark_.reset();
  apply_loop();
  // Without audio the wall clock stands in for the player, which jumps to A by itself when B
  // is set at (or before) the playhead.
  if (!player_.is_open() && position() >= b) seek(a);
  say(loop_summary());
}

std::string Session::loop_summary() const {
  if (!loop_) return {};
  return "loop " + sync::format_clock_nearest(loop_->first) + " - " + sync::format_clock_nearest(loop_->second) +
         (loop_times_ > 0 ? " (heard " + std::to_string(loop_times_) + " times)" : "");
}

void Session::loop_chapter() {
  if (auto c = current_chapter()) set_loop_span(timeline_->chapters()[*c].start, timeline_->chapters()[*c].end, Entry::from_start);
}

double Session::turn_loop_end(std::size_t turn) const {
  const auto& tl = *timeline_;
  double end = tl.turns()[turn].end;
  if (turn + 1 < tl.turns().size() && tl.turns()[turn + 1].source == sync::TimeSource::estimated)
    end += std::min(kLoopSlack, tl.turns()[turn + 1].uncertainty);
  return std::min(end + kLoopTail, duration());
}

void Session::loop_turn(std::size_t turn) {
  if (turn < timeline_->turns().size()) set_loop_span(timeline_->start_of(turn), turn_loop_end(turn), Entry::from_start);
}

void Session::loop_turn() {
  if (auto t = current_turn()) loop_turn(*t);
}

void Session::set_loop_a(double at) {
  loop_a_mark_ = at;
  if (loop_ && at < loop_->second) loop_range(at, loop_->second);
  else say("loop start (A) at " + sync::format_clock_nearest(at) + "; set B with ]");
}

void Session::set_loop_b(double at) {
  double a = loop_a_mark_ ? *loop_a_mark_ : loop_ ? loop_->first : 0;
  // B at the playhead: the pass from A just heard is the first, and playback jumps back now.
  set_loop_span(a, at, Entry::at_playhead);
}

void Session::clear_loop() {
  loop_.reset();
  loop_a_mark_.reset();
  apply_loop();
  say("loop cleared");
}

void Session::set_loop_times(int times) {
  loop_times_ = std::max(0, times);
  apply_loop();
}

// ------------------------------------------------------------------ anchors

void Session::save_anchors() {
  if (anchor_path_.empty()) return;
  std::string error = sync::save_anchors(anchor_path_, *timeline_, read_->episode.turn_count(), transcript_path_);
  if (!error.empty()) say(error);
}

std::string Session::anchor_turn(std::size_t turn, double at) {
  const auto before = timeline_->anchors();
  auto r = timeline_->anchor(turn, at);
  if (!r.ok) {
    say("cannot anchor turn " + std::to_string(turn) + ": " + r.reason);
    return last_message();
  }
  std::string message = "turn " + std::to_string(turn) + " starts at " + sync::format_clock_nearest(at) + " (anchored)";
  if (timeline_->anchors().size() >= 2) {
    auto fit = timeline_->learn();
    char buf[96];
    std::snprintf(buf, sizeof buf, "; estimates re-fitted, moved %.1f s on average", fit.mean_shift);
    message += buf;
  }
  save_anchors();
  anchors_changed(before);
  say(message);
  return message;
}

std::string Session::tap_sync() {
  if (!has_episode() || timeline_->turns().empty()) return {};
  double now = position();
  std::size_t target;
  if (last_tap_turn_ && std::abs(now - last_tap_time_) < kTapChainSeconds && *last_tap_turn_ + 1 < timeline_->turns().size())
    target = *last_tap_turn_ + 1;
  else
    target = current_turn().value_or(0);
  std::string message = anchor_turn(target, now);
  if (timeline_->anchors().count(target) && timeline_->anchors().at(target) == now) {
    last_tap_turn_ = target;
    last_tap_time_ = now;
  }
  return message;
}

bool Session::step_anchors(bool back) {
  // A tap is an anchor plus a re-fit of the rates: step until the anchors change, so one
  // Ctrl+Z (or Ctrl+Y) takes back (or redoes) one tap.
  const auto before = timeline_->anchors();
  const auto sentences_before = timeline_->sentence_anchors();
  auto unchanged = [&] { return timeline_->anchors() == before && timeline_->sentence_anchors() == sentences_before; };
  bool any = false;
  while (unchanged() && (back ? timeline_->undo() : timeline_->redo())) any = true;
  if (!any) return false;
  last_tap_turn_.reset();
  last_tap_sentence_.reset();
  save_anchors();
  anchors_changed(before);
  say(std::string(back ? "undone" : "redone") + ": " +
      std::to_string(timeline_->anchors().size() + timeline_->sentence_anchors().size()) + " anchor(s) now");
  return true;
}

bool Session::undo() { return step_anchors(true); }
bool Session::redo() { return step_anchors(false); }

// ------------------------------------------------------------------ per frame




void Session::report_skipped(const std::vector<sync::Diagnostic>& diagnostics) {
  std::vector<const sync::Diagnostic*> skipped;
  for (const sync::Diagnostic& d : diagnostics)
    if (d.skipped) {
      app::log_line(sync::to_string(d));
      skipped.push_back(&d);
    }
  if (skipped.empty()) return;
  std::string what = skipped.size() == 1 ? "1 part could not be read and was skipped"
                                         : std::to_string(skipped.size()) + " parts could not be read and were skipped";
  report_error(skipped.front()->file + ": " + what + "; the rest is open. " + sync::to_string(*skipped.front()) +
               (skipped.size() > 1 ? " (all of them are in the log)" : ""));
}



void Session::update() {
  if (!has_episode()) return;
  while (auto e = player_.poll_event()) {
    switch (e->type) {
      case media::PlayerEventType::index_ready:
        rebuild_timeline();  // the exact duration moves the last chapter's end
        break;
      case media::PlayerEventType::error: report_error(e->message); break;
      case media::PlayerEventType::loop_done:
        // A sentence had its hearings (the event comes as its end goes to the device, a little
        // before it is heard): on to the next, after its silence when shadowing.
        if (auto ended = practice_.loop_done()) {
          hearing_ended_ = ended;
          break;
        }
        loop_.reset();
        say("loop done");
        break;
      case media::PlayerEventType::end_of_file: say("end of episode"); break;
      default: say(e->message); break;
    }
  }
  if (job_) {
    if (auto r = job_->take_result()) {
      alignment_ = std::move(r);
      timeline_->set_alignment(*alignment_);
      for (const auto& n : alignment_->notes) say(n);
      apply_skips();
      say("aligned to the audio: " + std::to_string(alignment_->aligned) + " of " +
          std::to_string(read_->episode.turn_count()) + " turns placed by the voices and pauses heard");
    }
    if (auto e = job_->take_error()) report_error("cannot align to the audio: " + *e);
  }
  if (!player_.is_open() && wall_.running() && position() >= duration()) pause();
  if (downloading_ && downloading_->finished()) {
    // The download ended: whole, the alignment to its audio can run; else what arrived is all.
    if (downloading_->whole()) {
      downloading_.reset();
      start_alignment();
    } else {
      downloading_.reset();
      report_error(audio_path_ + ": the download stopped; what arrived plays, and the rest comes when it goes on");
    }
  }
  // Back to A at a loop's seam: a whole pass begins.
  const double heard = position();
  if (loop_ && heard < last_heard_) pass_began_ = loop_->first;
  last_heard_ = heard;
  practise();
  if (std::chrono::steady_clock::now() - last_save_ > kAutosave && state() != saved_) save_state();
}

EpisodeState Session::state() const {
  EpisodeState s;
  s.position = position();
  s.speed = speed_;
  s.volume = volume_;
  s.follow = follow;
  s.loop = loop_;
  s.loop_times = loop_times_;
  s.window_width = window_width;
  s.window_height = window_height;
  s.font_size = font_size;
  s.audio = audio_path_.empty() ? std::string() : std::filesystem::absolute(audio_path_).string();
  s.practice = practice_settings_;
  s.skip_untranscribed = skip_untranscribed_;
  s.real_audio_offered = real_audio_offered_;
  return s;
}

void Session::save_state() {
  last_save_ = std::chrono::steady_clock::now();
  if (!has_episode()) return;
  EpisodeState now = state();
  std::string error = save_episode_state(key_, now);
  if (!error.empty()) say(error);
  else saved_ = now;
}

void Session::toggle_skip_untranscribed() {
  skip_untranscribed_ = !skip_untranscribed_;
  apply_skips();
  const std::size_t n = alignment_ ? alignment_->untranscribed.size() : 0;
  say(std::string(skip_untranscribed_ ? "skipping" : "playing") + " the stretches the transcript doesn't have (" +
      std::to_string(n) + (n == 1 ? " found)" : " found)"));
}

void Session::apply_skips() {
  std::vector<std::pair<double, double>> spans;
  if (skip_untranscribed_ && alignment_)
    for (const auto& u : alignment_->untranscribed) spans.push_back({u.start, u.end});
  player_.set_skips(spans);
}

}  // namespace tingdu::ui
