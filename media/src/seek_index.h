// An exact seek index for files whose demuxer can only estimate where a time is (VBR MP3
// without a usable table): every packet's byte position and true timestamp, from one scan.
// Built on a background thread; the decoder uses it once it is complete (internal to media/).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tingdu::media {

class SeekIndex {
 public:
  struct Entry {
    std::int64_t pos;  // byte offset of the packet in the file
    std::int64_t pts;  // in the stream's time base (the first packet keeps the demuxer's pts)
  };

  // Reads every packet of `stream_index` in `path` (no decoding). nullopt when the file can't
  // be read. `cancel` is polled between packets; a set flag stops the scan (nullopt).
  static std::optional<SeekIndex> scan(const std::string& path, int stream_index, const std::atomic<bool>* cancel);

  // The last packet starting at or before `pts`; nullopt when the index is empty.
  std::optional<Entry> at_or_before(std::int64_t pts) const;
  // The packet at byte offset `pos`, if it is in the index.
  std::optional<Entry> at_pos(std::int64_t pos) const;
  // The stream's exact end: the last packet's pts plus its duration.
  std::int64_t end_pts() const { return end_pts_; }
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<Entry> entries_;  // sorted by pos and by pts alike
  std::int64_t end_pts_ = 0;
};

}  // namespace tingdu::media
