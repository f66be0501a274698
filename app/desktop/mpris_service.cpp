#include "mpris_service.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <systemd/sd-bus.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>
#include <utility>

#include "app_log.h"

namespace tingdu::desktop {

namespace {

constexpr const char* kPath = "/org/mpris/MediaPlayer2";
constexpr const char* kRootInterface = "org.mpris.MediaPlayer2";
constexpr const char* kPlayerInterface = "org.mpris.MediaPlayer2.Player";
constexpr const char* kBusName = "org.mpris.MediaPlayer2.tingdu";
// One track: the episode. A fixed id, so SetPosition from a client never races a track change.
constexpr const char* kTrackId = "/io/github/tingdu/Tingdu/episode";
constexpr const char* kNoTrack = "/org/mpris/MediaPlayer2/TrackList/NoTrack";
// The speeds the player offers (Session::kSpeeds).
constexpr double kMinimumRate = 0.5, kMaximumRate = 2.0;

// The Player interface's properties that PropertiesChanged reports (Position never is: clients
// read it, and Seeked says when it jumped). Bit i of Impl::changed stands for kNotified[i].
constexpr const char* kNotified[] = {"PlaybackStatus", "Metadata", "Rate", "Volume", "CanGoNext",
                                     "CanGoPrevious", "CanPlay", "CanPause", "CanSeek"};

int64_t to_us(double seconds) { return int64_t(seconds * 1e6); }

}  // namespace

struct MprisService::Impl {
  std::function<void()> wake;  // set before the thread starts, then read-only
  std::string bus_name;        // set before the thread starts, then read-only
  int event_fd = -1;           // written by the UI thread to wake the bus thread; read by it

  // Bus thread only (handed over before the thread starts; released by ~Impl after the join).
  sd_bus* bus = nullptr;
  sd_bus_slot* root_slot = nullptr;
  sd_bus_slot* player_slot = nullptr;
  std::thread thread;

  std::mutex mutex;
  // Protected by `mutex`: what the UI thread published and what the bus thread owes the bus.
  PlayerState state;
  unsigned changed = 0;  // kNotified bits not yet emitted
  bool seeked = false;   // a Seeked signal is owed
  bool stop = false;
  std::vector<MprisCommand> commands;

  ~Impl() {
    if (event_fd >= 0) close(event_fd);
    sd_bus_slot_unref(player_slot);
    sd_bus_slot_unref(root_slot);
    sd_bus_flush_close_unref(bus);
  }
  PlayerState snapshot() {
    std::lock_guard lock(mutex);
    return state;
  }
  void push(MprisCommand::Kind kind, double value = 0, std::string uri = {}) {
    {
      std::lock_guard lock(mutex);
      commands.push_back({kind, value, std::move(uri)});
    }
    if (wake) wake();
  }
  void poke() {
    uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(event_fd, &one, sizeof one);
  }
  void run();
  void emit_owed();
};

namespace {

MprisService::Impl& impl_of(void* userdata) { return *static_cast<MprisService::Impl*>(userdata); }

double position_now(const PlayerState& s) {
  double p = s.position;
  if (s.playing) p += s.rate * std::chrono::duration<double>(std::chrono::steady_clock::now() - s.sampled).count();
  return std::clamp(p, 0.0, std::max(s.duration, 0.0));
}

// --- org.mpris.MediaPlayer2

int quit_player(sd_bus_message* m, void* userdata, sd_bus_error*) {
  impl_of(userdata).push(MprisCommand::Kind::quit);
  return sd_bus_reply_method_return(m, "");
}
int raise_window(sd_bus_message* m, void* userdata, sd_bus_error*) {
  impl_of(userdata).push(MprisCommand::Kind::raise);
  return sd_bus_reply_method_return(m, "");
}
int get_true(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void*, sd_bus_error*) {
  return sd_bus_message_append(reply, "b", 1);
}
int get_false(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void*, sd_bus_error*) {
  return sd_bus_message_append(reply, "b", 0);
}
int get_identity(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void*, sd_bus_error*) {
  return sd_bus_message_append(reply, "s", "Tingdu");
}
int get_desktop_entry(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void*, sd_bus_error*) {
  return sd_bus_message_append(reply, "s", "io.github.tingdu.Tingdu");
}
int get_uri_schemes(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void*, sd_bus_error*) {
  return sd_bus_message_append(reply, "as", 1, "file");
}
// The transcript formats the player opens (assets/desktop/io.github.tingdu.Tingdu.desktop).
int get_mime_types(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void*, sd_bus_error*) {
  return sd_bus_message_append(reply, "as", 6, "text/markdown", "text/plain", "application/x-subrip", "text/vtt",
                               "application/x-lrc", "application/json");
}

const sd_bus_vtable kRootVtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Raise", "", "", raise_window, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Quit", "", "", quit_player, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_PROPERTY("CanQuit", "b", get_true, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("CanRaise", "b", get_true, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("HasTrackList", "b", get_false, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("Identity", "s", get_identity, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("DesktopEntry", "s", get_desktop_entry, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("SupportedUriSchemes", "as", get_uri_schemes, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("SupportedMimeTypes", "as", get_mime_types, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END};

// --- org.mpris.MediaPlayer2.Player

template <MprisCommand::Kind kind>
int simple_command(sd_bus_message* m, void* userdata, sd_bus_error*) {
  impl_of(userdata).push(kind);
  return sd_bus_reply_method_return(m, "");
}
int seek(sd_bus_message* m, void* userdata, sd_bus_error*) {
  int64_t offset_us = 0;
  if (int r = sd_bus_message_read(m, "x", &offset_us); r < 0) return r;
  impl_of(userdata).push(MprisCommand::Kind::seek_by, double(offset_us) / 1e6);
  return sd_bus_reply_method_return(m, "");
}
int set_position(sd_bus_message* m, void* userdata, sd_bus_error*) {
  const char* track = nullptr;
  int64_t position_us = 0;
  if (int r = sd_bus_message_read(m, "ox", &track, &position_us); r < 0) return r;
  // The spec: a stale track id, or a position outside the track, is ignored.
  auto s = impl_of(userdata).snapshot();
  if (std::strcmp(track, kTrackId) == 0 && position_us >= 0 && double(position_us) / 1e6 <= s.duration)
    impl_of(userdata).push(MprisCommand::Kind::set_position, double(position_us) / 1e6);
  return sd_bus_reply_method_return(m, "");
}
int open_uri(sd_bus_message* m, void* userdata, sd_bus_error*) {
  const char* uri = nullptr;
  if (int r = sd_bus_message_read(m, "s", &uri); r < 0) return r;
  impl_of(userdata).push(MprisCommand::Kind::open_uri, 0, uri);
  return sd_bus_reply_method_return(m, "");
}

int get_status(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void* userdata, sd_bus_error*) {
  auto s = impl_of(userdata).snapshot();
  return sd_bus_message_append(reply, "s", !s.has_audio ? "Stopped" : s.playing ? "Playing" : "Paused");
}
int get_metadata(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void* userdata, sd_bus_error*) {
  auto s = impl_of(userdata).snapshot();
  int r = sd_bus_message_open_container(reply, 'a', "{sv}");
  if (r >= 0) r = sd_bus_message_append(reply, "{sv}", "mpris:trackid", "o", s.has_audio ? kTrackId : kNoTrack);
  if (r >= 0 && s.has_audio) r = sd_bus_message_append(reply, "{sv}", "mpris:length", "x", to_us(s.duration));
  if (r >= 0 && !s.title.empty()) r = sd_bus_message_append(reply, "{sv}", "xesam:title", "s", s.title.c_str());
  if (r >= 0 && !s.album.empty()) r = sd_bus_message_append(reply, "{sv}", "xesam:album", "s", s.album.c_str());
  if (r >= 0 && !s.artist.empty()) r = sd_bus_message_append(reply, "{sv}", "xesam:artist", "as", 1, s.artist.c_str());
  if (r >= 0 && !s.art_url.empty()) r = sd_bus_message_append(reply, "{sv}", "mpris:artUrl", "s", s.art_url.c_str());
  if (r >= 0) r = sd_bus_message_close_container(reply);
  return r;
}
int get_position(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void* userdata, sd_bus_error*) {
  return sd_bus_message_append(reply, "x", to_us(position_now(impl_of(userdata).snapshot())));
}
int get_rate(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void* userdata, sd_bus_error*) {
  return sd_bus_message_append(reply, "d", impl_of(userdata).snapshot().rate);
}
int get_volume(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void* userdata, sd_bus_error*) {
  return sd_bus_message_append(reply, "d", impl_of(userdata).snapshot().volume);
}
int get_min_rate(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void*, sd_bus_error*) {
  return sd_bus_message_append(reply, "d", kMinimumRate);
}
int get_max_rate(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void*, sd_bus_error*) {
  return sd_bus_message_append(reply, "d", kMaximumRate);
}
int get_can(sd_bus*, const char*, const char*, const char* property, sd_bus_message* reply, void* userdata, sd_bus_error*) {
  auto s = impl_of(userdata).snapshot();
  bool can = s.has_audio;
  if (std::strcmp(property, "CanGoNext") == 0) can = s.can_go_next;
  if (std::strcmp(property, "CanGoPrevious") == 0) can = s.can_go_previous;
  if (std::strcmp(property, "CanControl") == 0) can = true;
  return sd_bus_message_append(reply, "b", can);
}
int set_double(sd_bus*, const char*, const char*, const char* property, sd_bus_message* value, void* userdata, sd_bus_error*) {
  double v = 0;
  if (int r = sd_bus_message_read(value, "d", &v); r < 0) return r;
  bool rate = std::strcmp(property, "Rate") == 0;
  impl_of(userdata).push(rate ? MprisCommand::Kind::set_rate : MprisCommand::Kind::set_volume, v);
  return 0;
}

const sd_bus_vtable kPlayerVtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Next", "", "", simple_command<MprisCommand::Kind::next>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Previous", "", "", simple_command<MprisCommand::Kind::previous>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Pause", "", "", simple_command<MprisCommand::Kind::pause>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("PlayPause", "", "", simple_command<MprisCommand::Kind::play_pause>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Stop", "", "", simple_command<MprisCommand::Kind::stop>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Play", "", "", simple_command<MprisCommand::Kind::play>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Seek", "x", "", seek, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("SetPosition", "ox", "", set_position, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("OpenUri", "s", "", open_uri, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_SIGNAL("Seeked", "x", 0),
    SD_BUS_PROPERTY("PlaybackStatus", "s", get_status, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("Metadata", "a{sv}", get_metadata, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_WRITABLE_PROPERTY("Rate", "d", get_rate, set_double, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_WRITABLE_PROPERTY("Volume", "d", get_volume, set_double, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("Position", "x", get_position, 0, 0),
    SD_BUS_PROPERTY("MinimumRate", "d", get_min_rate, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("MaximumRate", "d", get_max_rate, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("CanGoNext", "b", get_can, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CanGoPrevious", "b", get_can, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CanPlay", "b", get_can, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CanPause", "b", get_can, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CanSeek", "b", get_can, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CanControl", "b", get_can, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END};

// Milliseconds until sd-bus's next deadline (absolute CLOCK_MONOTONIC microseconds), or -1.
int poll_timeout_ms(sd_bus* bus) {
  uint64_t until = 0;
  if (sd_bus_get_timeout(bus, &until) < 0 || until == UINT64_MAX) return -1;
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  uint64_t now = uint64_t(ts.tv_sec) * 1000000 + uint64_t(ts.tv_nsec) / 1000;
  return until <= now ? 0 : int(std::min<uint64_t>((until - now + 999) / 1000, 60000));
}

}  // namespace

void MprisService::Impl::emit_owed() {
  unsigned bits;
  bool jump;
  double at;
  {
    std::lock_guard lock(mutex);
    bits = std::exchange(changed, 0);
    jump = std::exchange(seeked, false);
    at = position_now(state);
  }
  if (bits) {
    std::vector<char*> names;
    for (std::size_t i = 0; i < std::size(kNotified); ++i)
      if (bits & (1u << i)) names.push_back(const_cast<char*>(kNotified[i]));
    names.push_back(nullptr);
    sd_bus_emit_properties_changed_strv(bus, kPath, kPlayerInterface, names.data());
  }
  if (jump) sd_bus_emit_signal(bus, kPath, kPlayerInterface, "Seeked", "x", to_us(at));
}

void MprisService::Impl::run() {
  for (;;) {
    int r;
    while ((r = sd_bus_process(bus, nullptr)) > 0) {
    }
    if (r < 0) {
      app::log_line(std::string("media keys: the session bus connection ended: ") + std::strerror(-r));
      return;
    }
    emit_owed();
    pollfd fds[2] = {{sd_bus_get_fd(bus), short(sd_bus_get_events(bus)), 0}, {event_fd, POLLIN, 0}};
    if (poll(fds, 2, poll_timeout_ms(bus)) < 0 && errno != EINTR) return;
    if (fds[1].revents & POLLIN) {
      uint64_t count;
      [[maybe_unused]] ssize_t n = read(event_fd, &count, sizeof count);
    }
    std::lock_guard lock(mutex);
    if (stop) return;
  }
}

std::unique_ptr<MprisService> MprisService::start(const PlayerState& initial, std::function<void()> wake, std::string* why_not) {
  auto impl = std::make_unique<Impl>();
  impl->state = initial;
  impl->wake = std::move(wake);
  auto fail = [&](const std::string& what, int r) {
    if (why_not) *why_not = what + ": " + std::strerror(-r);
    return nullptr;
  };
  if (int r = sd_bus_open_user(&impl->bus); r < 0) return fail("no session bus", r);
  // Each interface on the same path; sd-bus serves Properties and Introspectable for both.
  if (int r = sd_bus_add_object_vtable(impl->bus, &impl->root_slot, kPath, kRootInterface, kRootVtable, impl.get()); r < 0)
    return fail("cannot publish the player on the session bus", r);
  if (int r = sd_bus_add_object_vtable(impl->bus, &impl->player_slot, kPath, kPlayerInterface, kPlayerVtable, impl.get()); r < 0)
    return fail("cannot publish the player on the session bus", r);
  impl->bus_name = kBusName;
  if (sd_bus_request_name(impl->bus, impl->bus_name.c_str(), 0) < 0) {
    // Another Tingdu has the plain name: the spec's per-instance form.
    impl->bus_name = std::string(kBusName) + ".instance" + std::to_string(getpid());
    if (int r = sd_bus_request_name(impl->bus, impl->bus_name.c_str(), 0); r < 0)
      return fail("cannot take the name " + impl->bus_name + " on the session bus", r);
  }
  impl->event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (impl->event_fd < 0) return fail("cannot make an eventfd", -errno);
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<MprisService>(new MprisService(std::move(impl)));
}

MprisService::MprisService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

MprisService::~MprisService() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop = true;
  }
  impl_->poke();
  impl_->thread.join();
}

const std::string& MprisService::bus_name() const { return impl_->bus_name; }

void MprisService::publish(const PlayerState& s, bool seeked) {
  unsigned bits = 0;
  {
    std::lock_guard lock(impl_->mutex);
    const PlayerState& old = impl_->state;
    auto mark = [&](int i, bool differs) { bits |= differs ? 1u << i : 0u; };
    mark(0, s.has_audio != old.has_audio || s.playing != old.playing);
    mark(1, s.has_audio != old.has_audio || s.duration != old.duration || s.title != old.title ||
                s.album != old.album || s.artist != old.artist || s.art_url != old.art_url);
    mark(2, s.rate != old.rate);
    mark(3, s.volume != old.volume);
    mark(4, s.can_go_next != old.can_go_next);
    mark(5, s.can_go_previous != old.can_go_previous);
    for (int i : {6, 7, 8}) mark(i, s.has_audio != old.has_audio);
    impl_->state = s;
    impl_->changed |= bits;
    impl_->seeked |= seeked;
  }
  if (bits || seeked) impl_->poke();
}

std::vector<MprisCommand> MprisService::take_commands() {
  std::lock_guard lock(impl_->mutex);
  return std::exchange(impl_->commands, {});
}

}  // namespace tingdu::desktop
