// The decoder thread: reads the file (or the tempo filter's output) into the block queue,
// following seeks, speed changes and loops sent by the UI thread.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "player_impl.h"
#include "tempo_filter.h"

namespace tingdu::media {
namespace {

// Decoder thread's nap when the queue is full or the file has ended (commands wake it sooner).
// The queue holds buffer_seconds (0.5 s) of audio, so 20 ms leaves ample margin.
constexpr auto kDecoderNap = std::chrono::milliseconds(20);

}  // namespace

void AudioPlayer::Impl::decode_loop() {
  const auto ch = std::size_t(channels);
  std::uint32_t my_serial = 0;
  bool ended = false;
  double spd = 1;
  std::optional<LoopSpec> lp;
  std::vector<std::pair<double, double>> skips;  // [start, end) media frames, sorted, apart
  std::optional<LoopSpec> next_lp;  // follows lp once its passes end (queue_loop)
  // The id of a counted loop just ended: the next block made carries it (AudioBlock::loop_end).
  std::uint32_t mark = 0;
  std::unique_ptr<TempoFilter> tempo;
  struct Anchor {
    double in;            // tempo input frames fed before this point
    double media;         // media frame at this point
    bool frozen = false;  // a loop's gap: silence that holds the media time
    std::uint32_t mark = 0;  // AudioBlock::loop_end for the output block that starts here
  };
  std::deque<Anchor> anchors;
  // A loop's gap still to make (output frames), and the media time it holds.
  std::size_t gap_left = 0;
  double gap_media = 0;
  double tempo_in = 0, tempo_out = 0, expected_media = 0;
  bool tempo_input_ended = false;
  std::vector<float> input(kBlockFrames * ch);

  auto restart_tempo = [&](double media) {
    tempo.reset();
    anchors.clear();
    tempo_in = tempo_out = 0;
    tempo_input_ended = false;
    expected_media = media;
    if (spd != 1.0) {
      std::string error;
      tempo = TempoFilter::create(rate, channels, spd, error);
      if (!tempo) post(PlayerEventType::error, error, media / rate);
    }
  };
  // At b: the gap, then jump back to a, or, after the last counted pass, go on to the queued
  // loop's start or let playback go on.
  auto wrap_to_a = [&] {
    gap_left = lp->gap;
    gap_media = lp->b;
    if (lp->jumps == 0) {
      {
        std::lock_guard lock(cmd_mutex);
        cmd.loop_end = LoopEnd{lp->id, my_serial, lp->b};
      }
      mark = lp->id;
      expected_media = -1;  // with a tempo filter, what follows starts an anchor to carry the mark
      lp = std::exchange(next_lp, std::nullopt);
      if (lp) decoder->seek(lp->a);
      if (wake) wake();
      return;
    }
    decoder->seek(lp->a);
    if (lp->jumps > 0) --lp->jumps;
  };

  for (;;) {
    std::optional<std::pair<std::uint32_t, double>> seek;
    {
      std::unique_lock lock(cmd_mutex);
      bool idle = ended || !queue->back();
      if (idle && !cmd.seek && !cmd.speed && !cmd.loop && !cmd.skips && !cmd.index && !cmd.quit) cmd_cv.wait_for(lock, kDecoderNap);
      if (cmd.quit) return;
      if (cmd.index) decoder->set_index(std::move(cmd.index));
      cmd.index.reset();
      if (cmd.speed) spd = *cmd.speed;
      cmd.speed.reset();
      if (cmd.loop) {
        lp = *cmd.loop;
        next_lp.reset();
      }
      cmd.loop.reset();
      if (cmd.skips) skips = std::move(*cmd.skips);
      cmd.skips.reset();
      if (cmd.queued) next_lp = lp ? cmd.queued : std::exchange(lp, cmd.queued);  // lp ended already: it is lp
      cmd.queued.reset();
      seek = cmd.seek;
      cmd.seek.reset();
    }
    if (seek) {
      my_serial = seek->first;
      if (!decoder->seek(seek->second)) post(PlayerEventType::error, path + ": cannot seek there", seek->second / rate);
      restart_tempo(seek->second);
      ended = false;
      gap_left = 0;
      mark = 0;
    }
    if (ended) continue;
    AudioBlock* blk = queue->back();
    if (!blk) continue;

    // Input: up to a block of frames, cut at the loop's end.
    double pos = decoder->position();
    bool looping = lp && pos < lp->b;
    std::size_t want = kBlockFrames;
    if (looping) want = std::min<std::size_t>(want, std::size_t(std::max(1.0, std::ceil(lp->b - pos))));
    // Skipped stretches (not while a loop of the listener's runs): at a stretch's start the
    // decoder goes on from its end, as a loop seam does, so nothing of it is heard and no gap either.
    if (!lp && gap_left == 0) {
      auto skip = std::find_if(skips.begin(), skips.end(), [&](const auto& s) { return pos < s.second; });
      if (skip != skips.end() && pos >= skip->first) {
        decoder->seek(skip->second);
        continue;
      }
      if (skip != skips.end()) want = std::min<std::size_t>(want, std::size_t(std::max(1.0, std::ceil(skip->first - pos))));
    }

    if (!tempo && gap_left > 0) {  // silence that holds the media time at b
      std::size_t n = std::min<std::size_t>(gap_left, kBlockFrames);
      *blk = AudioBlock{my_serial, gap_media, 0.0, std::uint32_t(n), false, std::exchange(mark, 0), {}};  // samples zeroed
      queue->commit();
      gap_left -= n;
      continue;
    }
    if (!tempo) {
      std::size_t n = decoder->read(blk->samples, want);
      if (n == 0) {
        if (looping) {  // the loop's end lies past the end of the file
          wrap_to_a();
          continue;
        }
        *blk = AudioBlock{my_serial, pos, 1.0, 0, true, 0, {}};
        queue->commit();
        ended = true;
        continue;
      }
      blk->serial = my_serial;
      blk->media_start = pos;
      blk->speed = 1.0;
      blk->frames = std::uint32_t(n);
      blk->end_of_file = false;
      blk->loop_end = std::exchange(mark, 0);
      queue->commit();
      if (looping && decoder->position() >= lp->b) wrap_to_a();
      continue;
    }

    // With a tempo filter: feed it, then take at most a block that does not cross a seam.
    if (!tempo_input_ended && gap_left > 0) {
      // The gap goes through the filter too, so it falls after the pass's last output.
      std::size_t n = std::min<std::size_t>(gap_left, kBlockFrames);
      std::fill(input.begin(), input.begin() + std::ptrdiff_t(n * ch), 0.0f);
      anchors.push_back({tempo_in, gap_media, true, std::exchange(mark, 0)});
      if (!tempo->push(input.data(), n)) tempo_input_ended = true;
      tempo_in += double(n);
      gap_left -= n;
      expected_media = -1;  // the next real input starts a new anchor
    } else if (!tempo_input_ended) {
      std::size_t n = decoder->read(input.data(), want);
      if (n > 0) {
        if (anchors.empty() || pos != expected_media) anchors.push_back({tempo_in, pos, false, std::exchange(mark, 0)});
        if (!tempo->push(input.data(), n)) tempo_input_ended = true;
        tempo_in += double(n);
        expected_media = decoder->position();
        if (looping && decoder->position() >= lp->b) wrap_to_a();
      } else if (looping) {
        wrap_to_a();
      } else {
        (void)tempo->push(nullptr, 0);
        tempo_input_ended = true;
      }
    }
    double x = tempo_out * spd;  // tempo input frame the next output frame comes from
    while (anchors.size() > 1 && anchors[1].in <= x) {
      anchors[1].mark = std::max(anchors[1].mark, anchors[0].mark);  // a mark passed over goes on
      anchors.pop_front();
    }
    std::size_t limit = kBlockFrames;
    if (anchors.size() > 1) limit = std::min<std::size_t>(limit, std::size_t(std::max(1.0, std::ceil((anchors[1].in - x) / spd))));
    std::size_t m = tempo->pull(blk->samples, limit);
    if (m == 0) {
      if (tempo_input_ended) {
        *blk = AudioBlock{my_serial, expected_media, spd, 0, true, 0, {}};
        queue->commit();
        ended = true;
      }
      continue;
    }
    blk->serial = my_serial;
    const bool frozen = !anchors.empty() && anchors.front().frozen;
    blk->media_start = anchors.empty() ? expected_media : frozen ? anchors.front().media : anchors.front().media + (x - anchors.front().in);
    blk->speed = frozen ? 0.0 : spd;
    blk->frames = std::uint32_t(m);
    blk->end_of_file = false;
    blk->loop_end = anchors.empty() ? 0 : std::exchange(anchors.front().mark, 0);
    queue->commit();
    tempo_out += double(m);
  }
}

}  // namespace tingdu::media
