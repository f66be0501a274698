#include "media/probe.h"

#include "av_error.h"
#include "input.h"

extern "C" {
#include <libavutil/dict.h>
}

namespace tingdu::media {

ProbeResult probe_audio(const std::string& path, const std::shared_ptr<const GrowingFile>& growing) {
  auto fail = [&](const std::string& what) { return ProbeResult{std::nullopt, path + ": " + what}; };
  FormatContextPtr ctx;
  // A probe never waits for a download: what has not arrived reads as the end, for now.
  if (int err = open_input(ctx, path, growing, Arrival::end_for_now); err < 0)
    return ProbeResult{std::nullopt, open_error(path, err)};
  if (int err = avformat_find_stream_info(ctx.get(), nullptr); err < 0)
    return fail("cannot read the streams: " + av_error_text(err));
  int index = av_find_best_stream(ctx.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (index < 0) return fail("no audio stream (expected an audio file, or a video with sound)");
  const AVStream* st = ctx->streams[index];
  const AVCodecParameters* par = st->codecpar;
  if (!avcodec_find_decoder(par->codec_id))
    return fail(std::string("no decoder for its audio codec ") + avcodec_get_name(par->codec_id));

  AudioInfo info;
  info.container = ctx->iformat->name;
  info.codec = avcodec_get_name(par->codec_id);
  info.stream_index = index;
  info.sample_rate = par->sample_rate;
  info.channels = par->ch_layout.nb_channels;
  if (st->duration != AV_NOPTS_VALUE && st->duration > 0) info.duration = double(st->duration) * av_q2d(st->time_base);
  else if (ctx->duration != AV_NOPTS_VALUE && ctx->duration > 0) info.duration = double(ctx->duration) / AV_TIME_BASE;
  for (unsigned i = 0; i < ctx->nb_chapters; ++i) {
    const AVChapter* ch = ctx->chapters[i];
    const AVDictionaryEntry* title = av_dict_get(ch->metadata, "title", nullptr, 0);
    info.chapters.push_back({double(ch->start) * av_q2d(ch->time_base), double(ch->end) * av_q2d(ch->time_base),
                             title ? title->value : ""});
  }
  return {std::move(info), {}};
}

}  // namespace tingdu::media
