#include "media_keys.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "app_log.h"
#include "default_episode.h"
#include "session.h"

namespace tingdu::desktop {

namespace {

// The icon as cover art: installed (<prefix>/share/icons/hicolor/...) or in the source tree.
std::string find_art_url() {
  const auto assets = ui::assets_dir();
  const char* icon = "256x256/io.github.tingdu.Tingdu.png";
  for (const auto& candidate : {assets / "desktop" / "icons" / icon,
                                assets.parent_path() / "icons" / "hicolor" / "256x256" / "apps" / "io.github.tingdu.Tingdu.png"}) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec)) return "file://" + std::filesystem::absolute(candidate, ec).string();
  }
  return "";
}

// file:///a%20b.md -> /a b.md; "" for any other scheme.
std::string path_of_uri(const std::string& uri) {
  const std::string scheme = "file://";
  if (uri.rfind(scheme, 0) != 0) return "";
  std::string path;
  for (std::size_t i = scheme.size(); i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(uint8_t(uri[i + 1])) && std::isxdigit(uint8_t(uri[i + 2]))) {
      path += char(std::stoi(uri.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

}  // namespace

MediaKeys::MediaKeys(ui::Session& session, MediaKeyStep step, std::function<void()> wake)
    : session_(session), step_(step), art_url_(find_art_url()) {
  std::string why_not;
  service_ = MprisService::start(current_state(), std::move(wake), &why_not);
  app::log_line(service_ ? "media keys: on the session bus as " + service_->bus_name()
                         : "media keys: off (" + why_not + ")");
}

MediaKeys::~MediaKeys() = default;

PlayerState MediaKeys::current_state() const {
  PlayerState s;
  s.sampled = std::chrono::steady_clock::now();
  if (session_.has_episode()) {
    const auto& timeline = session_.timeline();
    s.has_audio = session_.has_audio();
    s.playing = session_.playing();
    s.position = session_.position();
    s.duration = session_.duration();
    s.album = session_.episode().meta.title;
    if (auto c = session_.current_chapter()) s.title = session_.episode().chapters[*c].title;
    else s.title = s.album;
    if (auto t = session_.current_turn()) s.artist = session_.episode().blocks[timeline.turns()[*t].block].speaker;
    s.can_go_next = s.has_audio;
    s.can_go_previous = s.has_audio;
    s.art_url = art_url_;
  }
  s.rate = session_.speed();
  s.volume = session_.volume();
  return s;
}

MediaKeys::Requests MediaKeys::update() {
  Requests requests;
  if (!service_) return requests;
  bool jumped = false;
  for (const auto& c : service_->take_commands()) {
    using K = MprisCommand::Kind;
    bool audio = session_.has_episode() && session_.has_audio();
    switch (c.kind) {
      case K::play_pause: if (audio) session_.toggle_play(); break;
      case K::play: if (audio) session_.play(); break;
      // Stop keeps the place: a listener stopping a 3-hour episode means to come back to it.
      case K::pause: case K::stop: if (audio) session_.pause(); break;
      case K::next:
        if (audio) step_ == MediaKeyStep::chapter ? session_.next_chapter() : session_.next_turn();
        jumped = true;
        break;
      case K::previous:
        if (audio) step_ == MediaKeyStep::chapter ? session_.previous_chapter() : session_.previous_turn();
        jumped = true;
        break;
      case K::seek_by: if (audio) session_.skip(c.value), jumped = true; break;
      case K::set_position: if (audio) session_.seek(c.value), jumped = true; break;
      case K::set_rate: if (c.value > 0) session_.set_speed(c.value); break;
      case K::set_volume: session_.set_volume(std::clamp(c.value, 0.0, 1.0)); break;
      case K::open_uri:
        if (std::string path = path_of_uri(c.uri); !path.empty()) requests.open = path;
        else session_.report_error("The desktop asked to open " + c.uri + ": only file:// addresses can be opened");
        break;
      case K::raise: requests.raise = true; break;
      case K::quit: requests.quit = true; break;
    }
  }

  PlayerState s = current_state();

  double expected = last_position_ + (last_playing_ ? last_rate_ * std::chrono::duration<double>(s.sampled - last_sampled_).count() : 0);
  bool first = last_sampled_ == std::chrono::steady_clock::time_point{};
  jumped = jumped || (!first && std::abs(s.position - expected) > kJumpSeconds);
  last_position_ = s.position;
  last_sampled_ = s.sampled;
  last_playing_ = s.playing;
  last_rate_ = s.rate;
  service_->publish(s, jumped);
  return requests;
}

}  // namespace tingdu::desktop
