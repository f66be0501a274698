#include "seek_index.h"

#include <algorithm>

#include "av_error.h"
#include "input.h"

namespace tingdu::media {

std::optional<SeekIndex> SeekIndex::scan(const std::string& path, int stream_index, const std::atomic<bool>* cancel) {
  FormatContextPtr ctx;
  if (open_input(ctx, path) < 0) return std::nullopt;
  if (avformat_find_stream_info(ctx.get(), nullptr) < 0 || stream_index >= int(ctx->nb_streams)) return std::nullopt;
  // Only the one stream's packets are wanted; the demuxer can skip the others.
  for (unsigned i = 0; i < ctx->nb_streams; ++i)
    ctx->streams[i]->discard = int(i) == stream_index ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
  SeekIndex index;
  AVPacket* pkt = av_packet_alloc();
  std::int64_t next_pts = 0;
  while (!(cancel && *cancel) && av_read_frame(ctx.get(), pkt) >= 0) {
    if (pkt->stream_index == stream_index && pkt->pos >= 0) {
      // Sequential reading counts durations exactly; the demuxer's own pts may be estimates.
      if (index.entries_.empty() && pkt->pts != AV_NOPTS_VALUE) next_pts = pkt->pts;
      index.entries_.push_back({pkt->pos, next_pts});
      next_pts += pkt->duration > 0 ? pkt->duration : 0;
    }
    av_packet_unref(pkt);
  }
  av_packet_free(&pkt);
  if (cancel && *cancel) return std::nullopt;
  index.end_pts_ = next_pts;
  return index;
}

std::optional<SeekIndex::Entry> SeekIndex::at_or_before(std::int64_t pts) const {
  auto it = std::upper_bound(entries_.begin(), entries_.end(), pts, [](std::int64_t p, const Entry& e) { return p < e.pts; });
  if (it == entries_.begin()) return entries_.empty() ? std::nullopt : std::optional(entries_.front());
  return *(it - 1);
}

std::optional<SeekIndex::Entry> SeekIndex::at_pos(std::int64_t pos) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), pos, [](const Entry& e, std::int64_t p) { return e.pos < p; });
  if (it == entries_.end() || it->pos != pos) return std::nullopt;
  return *it;
}

}  // namespace tingdu::media
