#include "bundled_audio.h"

#include <cstdlib>
#include <filesystem>

#include "default_episode.h"
#include "podcasts_panel.h"

namespace tingdu::ui {

std::string BundledAudio::feed_url() {
  const char* url = std::getenv("TINGDU_BUNDLED_FEED");
  return url && *url ? url : kFeed;
}

bool BundledAudio::wanted(const Session& session) {
  if (!session.has_episode()) return false;
  std::error_code ec;
  if (!std::filesystem::equivalent(session.transcript_path(), bundled_transcript(), ec)) return false;
  const std::string narration = bundled_audio();
  return session.audio_path().empty() || (!narration.empty() && std::filesystem::equivalent(session.audio_path(), narration, ec));
}

void BundledAudio::accept(PodcastLibrary& library, Session& session) {
  if (state_ != State::idle) return;
  if (std::string why = library.add(feed_url()); !why.empty()) return session.report_error(why);
  state_ = State::loading;
  session.say("getting the list of episodes from " + feed_url());
}

void BundledAudio::update(PodcastLibrary& library, Session& session, PodcastsPanel& panel) {
  if (state_ != State::loading) return;
  for (std::size_t s = 0; s < library.shows().size(); ++s) {
    const auto& show = library.shows()[s];
    if (show.where != feed_url() || show.loading) continue;
    state_ = State::idle;
    if (!show.feed) return session.report_error("cannot get the real episode: " + show.error);
    for (std::size_t e = 0; e < show.feed->episodes.size(); ++e)
      if (show.feed->episodes[e].title.find(kEpisodeMark) != std::string::npos) {
        state_ = State::started;
        // Its own transcript, if the feed has one, is not this translation: the bundled one plays.
        panel.get_and_play(session, s, e, session.transcript_path());
        return;
      }
    return session.report_error(std::string("cannot get the real episode: the feed lists no episode ") + kEpisodeMark);
  }
}

}  // namespace tingdu::ui
