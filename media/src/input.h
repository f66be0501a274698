// Opening a file for demuxing (internal to media/): a plain file through FFmpeg's own I/O, or a
// file still arriving (growing_file.h) through an AVIOContext of ours that reads what is on
// disk, tells the demuxer the size the file will have, and either waits for bytes not yet there
// (the decoder thread, until `interrupt`) or reports them as the end for now (a probe on the UI
// thread, which must never wait).
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "av_error.h"
#include "media/growing_file.h"

namespace tingdu::media {

enum class Arrival { wait, end_for_now };

// Like avformat_open_input(&out, path, nullptr, nullptr): 0 or an AVERROR. With `growing`, its
// part_path() is read (kept open, so the rename when it is whole changes nothing).
int open_input(FormatContextPtr& out, const std::string& path, const std::shared_ptr<const GrowingFile>& growing = nullptr,
               Arrival arrival = Arrival::wait, const std::atomic<bool>* interrupt = nullptr);

// Switches a context open_input() opened on a growing file to `arrival` (no-op otherwise), and
// lets reading go on past an end reported for now. The decoder opens with end_for_now, so that
// reading the stream's parameters never waits, then waits from its first packet on.
void set_arrival(AVFormatContext* ctx, Arrival arrival);

}  // namespace tingdu::media
