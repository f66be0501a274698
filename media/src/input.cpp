#include "input.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

extern "C" {
#include <libavutil/mem.h>
}

namespace tingdu::media {
namespace {

constexpr int kBufferBytes = 64 * 1024;

struct GrowingReader {
  int fd = -1;
  std::int64_t pos = 0;
  std::shared_ptr<const GrowingFile> file;
  Arrival arrival = Arrival::wait;
  const std::atomic<bool>* interrupt = nullptr;
};

int read_packet(void* opaque, std::uint8_t* buf, int size) {
  auto* r = static_cast<GrowingReader*>(opaque);
  std::int64_t on_disk = r->arrival == Arrival::wait ? r->file->wait_past(r->pos, r->interrupt) : r->file->available();
  if (on_disk <= r->pos) return r->interrupt && r->interrupt->load() ? AVERROR_EXIT : AVERROR_EOF;
  auto n = ::pread(r->fd, buf, std::size_t(std::min<std::int64_t>(size, on_disk - r->pos)), r->pos);
  if (n < 0) return AVERROR(errno);
  if (n == 0) return AVERROR_EOF;
  r->pos += n;
  return int(n);
}

std::int64_t seek(void* opaque, std::int64_t offset, int whence) {
  auto* r = static_cast<GrowingReader*>(opaque);
  std::int64_t total = r->file->total();
  std::int64_t size = total > 0 ? total : r->file->available();
  switch (whence & ~AVSEEK_FORCE) {
    case AVSEEK_SIZE: return size;
    case SEEK_SET: r->pos = offset; break;
    case SEEK_CUR: r->pos += offset; break;
    case SEEK_END: r->pos = size + offset; break;
    default: return AVERROR(EINVAL);
  }
  return r->pos;
}

}  // namespace

void FormatContextCloser::operator()(AVFormatContext* ctx) const {
  AVIOContext* pb = (ctx && (ctx->flags & AVFMT_FLAG_CUSTOM_IO)) ? ctx->pb : nullptr;
  avformat_close_input(&ctx);
  if (!pb) return;
  auto* r = static_cast<GrowingReader*>(pb->opaque);
  if (r->fd >= 0) ::close(r->fd);
  delete r;
  av_freep(&pb->buffer);
  avio_context_free(&pb);
}

void set_arrival(AVFormatContext* ctx, Arrival arrival) {
  if (!ctx || !(ctx->flags & AVFMT_FLAG_CUSTOM_IO) || !ctx->pb) return;
  static_cast<GrowingReader*>(ctx->pb->opaque)->arrival = arrival;
  ctx->pb->eof_reached = 0;
}

int open_input(FormatContextPtr& out, const std::string& path, const std::shared_ptr<const GrowingFile>& growing,
               Arrival arrival, const std::atomic<bool>* interrupt) {
  out.reset();
  AVFormatContext* raw = nullptr;
  if (!growing) {
    int err = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    out.reset(raw);
    return err;
  }
  int fd = ::open(growing->part_path().c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fd = ::open(growing->final_path().c_str(), O_RDONLY | O_CLOEXEC);  // whole and renamed already
  if (fd < 0) return AVERROR(errno);
  auto* reader = new GrowingReader{fd, 0, growing, arrival, interrupt};
  auto* buffer = static_cast<unsigned char*>(av_malloc(kBufferBytes));
  AVIOContext* pb = buffer ? avio_alloc_context(buffer, kBufferBytes, 0, reader, &read_packet, nullptr, &seek) : nullptr;
  raw = pb ? avformat_alloc_context() : nullptr;
  if (!raw) {
    if (pb) avio_context_free(&pb);
    av_free(buffer);
    ::close(fd);
    delete reader;
    return AVERROR(ENOMEM);
  }
  raw->pb = pb;
  raw->flags |= AVFMT_FLAG_CUSTOM_IO;
  // Reading the format and the stream's parameters stays within the first kBytesToOpen / 2:
  // reaching the edge of what has arrived would cut a packet there.
  raw->probesize = GrowingFile::kBytesToOpen / 2;
  // On failure avformat_open_input frees the context but leaves our AVIOContext to us.
  int err = avformat_open_input(&raw, growing->part_path().c_str(), nullptr, nullptr);
  if (err < 0) {
    ::close(fd);
    delete reader;
    av_freep(&pb->buffer);
    avio_context_free(&pb);
    return err;
  }
  out.reset(raw);
  return 0;
}

}  // namespace tingdu::media
