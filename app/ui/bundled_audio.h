// The bundled episode's real audio. The transcript ships, its audio can't: the window plays the
// generated narration until the listener says yes to getting the episode itself from the show's
// public feed (item #333), which then plays with the bundled transcript and aligns to the real
// voices. Nothing is fetched before that yes.
#pragma once

#include <string>

#include "podcast_library.h"
#include "session.h"

namespace tingdu::ui {

class PodcastsPanel;

class BundledAudio {
 public:
  // The show's feed: $TINGDU_BUNDLED_FEED when set (tests, a mirror), else Lex Fridman's.
  static std::string feed_url();
  static constexpr const char* kFeed = "https://lexfridman.com/feed/podcast/";
  static constexpr const char* kEpisodeMark = "#333";  // in the item's title

  // True when `session` shows the bundled transcript with no audio or with the narration.
  static bool wanted(const Session& session);

  // The listener's yes: subscribes to the feed (or refreshes it), then, once it is loaded,
  // downloads #333's audio and plays it with the bundled transcript.
  void accept(PodcastLibrary& library, Session& session);
  // Once a frame while accepted: finds the item when the feed has loaded, and starts it.
  void update(PodcastLibrary& library, Session& session, PodcastsPanel& panel);
  bool accepted() const { return state_ != State::idle; }

 private:
  enum class State { idle, loading, started } state_ = State::idle;
};

}  // namespace tingdu::ui
