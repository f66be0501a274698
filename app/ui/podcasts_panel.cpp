#include "podcasts_panel.h"

#include <imgui_stdlib.h>

#include <ctime>
#include <fstream>

#include "sync/time_format.h"

namespace tingdu::ui {
namespace {

std::string date_of(const feeds::Episode& e) {
  if (!e.published) return e.date_text.empty() ? "no date" : e.date_text;
  std::time_t t = std::time_t(*e.published);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string megabytes(std::int64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / 1e6);
  return buf;
}

}  // namespace

void PodcastsPanel::update(Session& session) {
  if (!library_) return;
  bundled_.update(*library_, session, *this);
  for (PodcastLibrary::Arriving& a : library_->take_arriving())
    if (play_when_done_ && play_when_done_->where == a.where && play_when_done_->episode == a.episode) arriving_ = std::move(a);
  if (arriving_ && (arriving_->growing->available() >= media::GrowingFile::kBytesToOpen || arriving_->growing->finished())) {
    const std::string transcript = play_when_done_ ? play_when_done_->transcript : "";
    play_when_done_.reset();
    PodcastLibrary::Arriving a = std::move(*arriving_);
    arriving_.reset();
    if (!a.growing->finished() || a.growing->whole()) {
      open_files(session, a.files, a.title, a.growing, transcript);
      session.say("\"" + a.title + "\" plays while the rest downloads");
    }
  }
  for (PodcastLibrary::Finished& f : library_->update()) {
    const bool wanted = play_when_done_ && play_when_done_->where == f.where && play_when_done_->episode == f.episode;
    const std::string transcript = wanted ? play_when_done_->transcript : "";
    if (wanted) play_when_done_.reset(), arriving_.reset();
    for (const auto& n : f.fetch.notes) session.say("\"" + f.title + "\": " + n);
    if (!f.fetch.ok()) {
      if (f.fetch.audio.status == feeds::DownloadResult::Status::cancelled)
        session.say("download of \"" + f.title + "\" stopped; what arrived is kept, and it goes on from there next time");
      else session.report_error("cannot download \"" + f.title + "\": " + f.fetch.audio.error);
      continue;
    }
    for (const auto& n : f.fetch.audio.notes) session.say(n);
    session.say("\"" + f.title + "\" is downloaded");
    if (wanted) open_files(session, f.fetch.files, f.title, nullptr, transcript);
  }
}

void PodcastsPanel::open_files(Session& session, feeds::EpisodeFiles files, const std::string& title,
                               std::shared_ptr<const media::GrowingFile> growing, const std::string& transcript) {
  if (!transcript.empty()) files.transcript = transcript;
  std::string reason;
  if (!files.transcript.empty()) {
    std::string error = session.open(files.transcript.string(), files.audio.string(), "", growing);
    if (error.empty()) {
      opened_ = true;
      return;
    }
    reason = "its transcript could not be read (" + error + ")";
  } else {
    reason = "the feed gives no transcript for it";
  }
  // The audio still plays: with the episode's title as its only text.
  const auto stand_in = files.dir / "title-only.txt";
  std::ofstream(stand_in) << title << "\n";
  std::string error = session.open(stand_in.string(), files.audio.string(), "", growing);
  if (!error.empty()) return session.report_error("cannot open \"" + title + "\": " + error);
  opened_ = true;
  session.report_error("\"" + title + "\" plays without its transcript: " + reason);
}

void PodcastsPanel::play(Session& session, std::size_t show, std::size_t episode) {
  const auto& s = library_->shows().at(show);
  open_files(session, library_->files(show, episode), s.feed->episodes.at(episode).title);
}

void PodcastsPanel::get_and_play(Session& session, std::size_t show, std::size_t episode, const std::string& transcript) {
  if (library_->on_disk(show, episode) == PodcastLibrary::OnDisk::complete) {
    const auto& s = library_->shows()[show];
    return open_files(session, library_->files(show, episode), s.feed->episodes[episode].title, nullptr, transcript);
  }
  if (std::string why = library_->download(show, episode); !why.empty()) return session.say(why);
  play_when_done_ = Pending{library_->shows()[show].where, episode, transcript};
  session.say("downloading \"" + library_->shows()[show].feed->episodes[episode].title + "\"");
}

void PodcastsPanel::draw(const ViewContext& ctx) {
  if (!open_) return;
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.1f, io.DisplaySize.y * 0.06f), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x * 0.8f, io.DisplaySize.y * 0.8f), ImGuiCond_Appearing);
  ImGui::SetNextWindowBgAlpha(1.0f);
  if (!ImGui::Begin("Podcasts (Ctrl+P; Esc: close)", &open_, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  if (!library_) {
    ImGui::TextWrapped("Podcasts are not available: Tingdu has no folder to keep them in (HOME is not set).");
    ImGui::End();
    return;
  }
  if (std::exchange(focus_, false)) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Add feed").x - ImGui::GetStyle().FramePadding.x * 4);
  bool enter = ImGui::InputTextWithHint("##address", "a feed's address (https://...) or a feed file", &address,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button("Add feed") || enter) {
    if (std::string why = library_->add(address); !why.empty()) ctx.session.say(why);
    else address.clear();
  }
  if (BundledAudio::wanted(ctx.session) && !bundled_.accepted()) {
    ImGui::TextWrapped("This episode plays as a machine narration: its audio can't ship with Tingdu. The real one "
                       "comes from the show's public feed (about 200 MB), and the transcript then aligns to the real voices.");
    if (ImGui::Button("Get the real episode (#333)")) bundled_.accept(*library_, ctx.session);
    ImGui::Separator();
  }
  if (!library_->subscriptions_error().empty())
    ImGui::TextColored(ImColor(ctx.palette.error), "%s", library_->subscriptions_error().c_str());
  if (auto d = library_->downloading()) {
    float share = d->total > 0 ? float(double(d->bytes) / double(d->total)) : 0.0f;
    std::string label = megabytes(d->bytes) + (d->total > 0 ? " of " + megabytes(d->total) : std::string());
    ImGui::ProgressBar(share, ImVec2(-ImGui::CalcTextSize("Cancel").x - ImGui::GetStyle().FramePadding.x * 4, 0), label.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) library_->cancel_download();
  }
  if (library_->shows().empty())
    ImGui::TextColored(ImColor(ctx.palette.dim), "No podcasts yet: add a feed above. Episodes that publish a transcript "
                                                 "play with it, timed to the audio.");
  ImGui::BeginChild("shows");
  for (std::size_t i = 0; i < library_->shows().size(); ++i) draw_show(ctx, i);
  ImGui::EndChild();
  ImGui::End();
}

void PodcastsPanel::draw_show(const ViewContext& ctx, std::size_t show) {
  const PodcastLibrary::Show& s = library_->shows()[show];
  ImGui::PushID(int(show));
  bool expanded = ImGui::CollapsingHeader((s.title + "###show").c_str(), ImGuiTreeNodeFlags_DefaultOpen);
  if (expanded) {
    if (ImGui::SmallButton("Refresh")) library_->refresh(show);
    ImGui::SameLine();
    bool removed = ImGui::SmallButton("Unsubscribe");
    if (s.loading) ImGui::SameLine(), ImGui::TextColored(ImColor(ctx.palette.dim), "loading...");
    if (!s.error.empty()) ImGui::TextColored(ImColor(ctx.palette.error), "%s", s.error.c_str());
    for (const auto& n : s.notes) ImGui::TextColored(ImColor(ctx.palette.dim), "%s", n.c_str());
    if (removed) {
      library_->remove(show);
      ImGui::PopID();
      return;
    }
    if (s.feed) {
      auto d = library_->downloading();
      // 20,000 episodes stay cheap: only the rows in view are drawn.
      ImGuiListClipper clipper;
      clipper.Begin(int(s.order.size()));
      while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
          const std::size_t e = s.order[std::size_t(row)];
          const feeds::Episode& ep = s.feed->episodes[e];
          ImGui::PushID(int(e));
          const bool this_one = d && d->where == s.where && d->episode == e;
          auto on_disk = library_->on_disk(show, e);
          if (this_one) ImGui::TextColored(ImColor(ctx.palette.dim), "downloading");
          else if (on_disk == PodcastLibrary::OnDisk::complete) {
            if (ImGui::SmallButton("Play")) play(ctx.session, show, e);
          } else if (ep.enclosure) {
            if (ImGui::SmallButton(on_disk == PodcastLibrary::OnDisk::partly ? "Resume and play" : "Get and play"))
              get_and_play(ctx.session, show, e);
          } else {
            ImGui::TextColored(ImColor(ctx.palette.dim), "no audio");
          }
          ImGui::SameLine();
          std::string marks;
          if (!ep.transcripts.empty()) marks += "  [transcript]";
          if (ep.chapters) marks += "  [chapters]";
          if (on_disk == PodcastLibrary::OnDisk::complete) marks += "  downloaded";
          else if (on_disk == PodcastLibrary::OnDisk::partly) marks += "  partly downloaded";
          std::string duration = ep.duration ? "  " + sync::format_clock(*ep.duration) : "";
          ImGui::Text("%s  %s%s", date_of(ep).c_str(), ep.title.empty() ? "(untitled)" : ep.title.c_str(), duration.c_str());
          ImGui::SameLine();
          ImGui::TextColored(ImColor(ctx.palette.dim), "%s", marks.c_str());
          ImGui::PopID();
        }
    }
  }
  ImGui::PopID();
}

}  // namespace tingdu::ui
