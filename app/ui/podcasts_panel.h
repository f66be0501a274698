// The Podcasts panel (Ctrl+P): add a feed by its address or a feed file, see each feed's
// episodes newest first (with "transcript" and "chapters" marks, and whether each is downloaded,
// partly or not), download one with its progress, and play it. Every error in words. The
// library (podcast_library.h) does the work; this draws it and opens what the listener picks.
#pragma once

#include <optional>
#include <string>

#include "bundled_audio.h"
#include "podcast_library.h"
#include "view_context.h"

namespace tingdu::ui {

class PodcastsPanel {
 public:
  // The library shown (owned by the window; nullptr: the panel says podcasts are unavailable).
  void set_library(PodcastLibrary* library) { library_ = library; }
  PodcastLibrary* library() const { return library_; }

  // Once a frame, open or not: takes what the library's workers delivered, and opens an episode
  // whose download was asked to play as it completes.
  void update(Session& session);
  void draw(const ViewContext& ctx);

  // Opening puts the keyboard in the address field.
  void toggle() { open_ = !open_, focus_ = open_; }
  bool close() { return std::exchange(open_, false); }
  bool is_open() const { return open_; }
  // An episode was opened since the last call (the window then lays it out and fits the font).
  bool take_opened() { return std::exchange(opened_, false); }

  // Opens episode `episode` of show `show` as a listener's "Play" does: its transcript (or, when
  // it has none or it can't be read, its title alone, with the reason shown) and its audio.
  void play(Session& session, std::size_t show, std::size_t episode);
  // "Get and play": downloads it (its transcript first), and plays it as soon as enough of the
  // audio is in to start (the rest plays as it arrives). `transcript`: play it with this
  // transcript instead of the feed's (the bundled episode's translation).
  void get_and_play(Session& session, std::size_t show, std::size_t episode, const std::string& transcript = "");
  // The bundled episode's real audio, offered while it plays the narration (bundled_audio.h).
  BundledAudio& bundled() { return bundled_; }
  // The address field, as typed (tests type into it through ImGui, or set it here).
  std::string address;

 private:
  void draw_show(const ViewContext& ctx, std::size_t show);
  void open_files(Session& session, feeds::EpisodeFiles files, const std::string& title,
                  std::shared_ptr<const media::GrowingFile> growing = nullptr, const std::string& transcript = "");

  PodcastLibrary* library_ = nullptr;
  bool open_ = false, opened_ = false, focus_ = false;
  struct Pending {
    std::string where;
    std::size_t episode;
    std::string transcript;  // "" : the episode's own
  };
  BundledAudio bundled_;
  std::optional<Pending> play_when_done_;
  // The episode asked to play, its audio arriving: opened once kBytesToOpen are in.
  std::optional<PodcastLibrary::Arriving> arriving_;
};

}  // namespace tingdu::ui
