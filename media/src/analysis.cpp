#include "media/analysis.h"

extern "C" {
#include <libavutil/mem.h>
#include <libavutil/tx.h>
}

#include <algorithm>
#include <array>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "decoder.h"
#include "media/probe.h"

namespace tingdu::media {
namespace {

constexpr int kHop = int(AudioFeatures::kRate * AudioFeatures::kHopSeconds);        // 160 samples
constexpr int kWindow = int(AudioFeatures::kRate * AudioFeatures::kWindowSeconds);  // 400 samples
constexpr int kFft = 512;
constexpr int kBins = kFft / 2 + 1;
// Mel bands between these frequencies. 3.8 kHz on top: telephone-band recordings (8 kHz
// sources) carry nothing above 4 kHz, and the voices must compare alike whatever the source's
// rate; below 80 Hz is hum.
constexpr int kMelBands = 30;
constexpr double kMelLow = 80, kMelHigh = 3800;
// Pre-emphasis flattens speech's spectral tilt so the cepstrum weighs formants, not loudness.
constexpr float kPreEmphasis = 0.97f;
// Samples decoded per read.
constexpr std::size_t kReadFrames = 4096;

double mel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double hz_of_mel(double m) { return 700.0 * (std::pow(10.0, m / 2595.0) - 1.0); }

struct TxDeleter {
  void operator()(AVTXContext* c) const { av_tx_uninit(&c); }
};
struct AvFree {
  void operator()(void* p) const { av_free(p); }
};

// One triangular mel filter: weights over bins [first, first + weights.size()).
struct MelFilter {
  int first = 0;
  std::vector<float> weights;
};

class FrameAnalyzer {
 public:
  bool init(std::string& error) {
    AVTXContext* ctx = nullptr;
    float scale = 1.0f;
    if (int err = av_tx_init(&ctx, &fft_, AV_TX_FLOAT_RDFT, 0, kFft, &scale, 0); err < 0 || !ctx) {
      error = "cannot set up FFmpeg's FFT (av_tx_init)";
      return false;
    }
    tx_.reset(ctx);
    in_.reset(static_cast<float*>(av_malloc(sizeof(float) * kFft)));
    out_.reset(static_cast<AVComplexFloat*>(av_malloc(sizeof(AVComplexFloat) * kBins)));
    for (int i = 0; i < kWindow; ++i) window_[std::size_t(i)] = float(0.54 - 0.46 * std::cos(2 * M_PI * i / (kWindow - 1)));
    const double lo = mel(kMelLow), hi = mel(kMelHigh);
    auto bin_of = [](double hz) { return hz * kFft / AudioFeatures::kRate; };
    for (int b = 0; b < kMelBands; ++b) {
      double left = bin_of(hz_of_mel(lo + (hi - lo) * b / (kMelBands + 1)));
      double centre = bin_of(hz_of_mel(lo + (hi - lo) * (b + 1) / (kMelBands + 1)));
      double right = bin_of(hz_of_mel(lo + (hi - lo) * (b + 2) / (kMelBands + 1)));
      MelFilter f;
      f.first = int(std::ceil(left));
      for (int k = f.first; k <= int(std::floor(right)) && k < kBins; ++k)
        f.weights.push_back(float(k <= centre ? (k - left) / (centre - left) : (right - k) / (right - centre)));
      filters_.push_back(std::move(f));
    }
    // DCT-II (orthonormal) rows 1..kCepstra.
    for (int c = 0; c < AudioFeatures::kCepstra; ++c)
      for (int b = 0; b < kMelBands; ++b)
        dct_[std::size_t(c * kMelBands + b)] =
            float(std::sqrt(2.0 / kMelBands) * std::cos(M_PI * (c + 1) * (b + 0.5) / kMelBands));
    return true;
  }

  // `frame`: kWindow samples. Appends the frame's energy and cepstrum to `f`.
  void analyse(const float* frame, AudioFeatures& f) {
    double power = 0;
    for (int i = 0; i < kWindow; ++i) power += double(frame[i]) * frame[i];
    power /= kWindow;
    f.energy.push_back(std::max(AudioFeatures::kFloorDb, float(10 * std::log10(power + 1e-12))));

    float* in = in_.get();
    float previous = 0;
    for (int i = 0; i < kWindow; ++i) {
      in[i] = (frame[i] - kPreEmphasis * previous) * window_[std::size_t(i)];
      previous = frame[i];
    }
    std::fill(in + kWindow, in + kFft, 0.0f);
    fft_(tx_.get(), out_.get(), in, sizeof(float));
    std::array<float, kBins> spectrum;
    for (int k = 0; k < kBins; ++k) spectrum[std::size_t(k)] = out_.get()[k].re * out_.get()[k].re + out_.get()[k].im * out_.get()[k].im;
    std::array<float, kMelBands> bands;
    for (int b = 0; b < kMelBands; ++b) {
      const MelFilter& m = filters_[std::size_t(b)];
      float sum = 0;
      for (std::size_t k = 0; k < m.weights.size(); ++k) sum += m.weights[k] * spectrum[std::size_t(m.first) + k];
      bands[std::size_t(b)] = std::log(sum + 1e-10f);
    }
    for (int c = 0; c < AudioFeatures::kCepstra; ++c) {
      float sum = 0;
      for (int b = 0; b < kMelBands; ++b) sum += dct_[std::size_t(c * kMelBands + b)] * bands[std::size_t(b)];
      f.cepstra.push_back(sum);
    }
  }

 private:
  std::unique_ptr<AVTXContext, TxDeleter> tx_;
  av_tx_fn fft_ = nullptr;
  std::unique_ptr<float, AvFree> in_;  // av_malloc: the FFT wants aligned buffers
  std::unique_ptr<AVComplexFloat, AvFree> out_;
  std::array<float, kWindow> window_{};
  std::vector<MelFilter> filters_;
  std::array<float, AudioFeatures::kCepstra * kMelBands> dct_{};
};

// The decoder on a worker thread, handing over chunks through a small bounded queue.
class ChunkPipe {
 public:
  explicit ChunkPipe(Decoder& decoder) : decoder_(decoder), worker_([this] { run(); }) {}
  ~ChunkPipe() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }
  // The next chunk of samples; false at the end of the file.
  bool next(std::vector<float>& chunk) {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return !chunks_.empty() || ended_; });
    if (chunks_.empty()) return false;
    chunk = std::move(chunks_.front());
    chunks_.pop_front();
    cv_.notify_all();
    return true;
  }

 private:
  static constexpr std::size_t kAhead = 16;  // chunks decoded ahead (about 4 s of audio)
  void run() {
    for (;;) {
      std::vector<float> chunk(kReadFrames);
      std::size_t n = decoder_.read(chunk.data(), chunk.size());
      chunk.resize(n);
      std::unique_lock lock(mutex_);
      if (n == 0) {
        ended_ = true;
        cv_.notify_all();
        return;
      }
      cv_.wait(lock, [&] { return chunks_.size() < kAhead || stop_; });
      if (stop_) return;
      chunks_.push_back(std::move(chunk));
      cv_.notify_all();
    }
  }

  Decoder& decoder_;
  // --- protected by mutex_
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::vector<float>> chunks_;
  bool ended_ = false, stop_ = false;
  std::thread worker_;  // last: starts when the rest exists
};

}  // namespace

std::size_t AudioFeatures::frame_at(double seconds) const {
  if (energy.empty()) return 0;
  auto f = std::size_t(std::max(0.0, std::floor(seconds / kHopSeconds)));
  return std::min(f, energy.size() - 1);
}

AnalysisResult analyze_audio(const std::string& path, const AnalysisOptions& options) {
  AnalysisResult result;
  ProbeResult probe = probe_audio(path);
  if (!probe.info) {
    result.error = probe.error;
    return result;
  }
  std::string error;
  auto decoder = Decoder::open(path, AudioFeatures::kRate, 1, error);
  FrameAnalyzer analyzer;
  if (!decoder || !analyzer.init(error)) {
    result.error = error.empty() ? path + ": cannot decode" : error;
    return result;
  }
  AudioFeatures f;
  const double expected = std::max(1.0, probe.info->duration);
  const auto reserve = std::size_t(expected / AudioFeatures::kHopSeconds) + 16;
  f.energy.reserve(reserve);
  f.cepstra.reserve(reserve * AudioFeatures::kCepstra);

  // Decoding runs on a thread of its own, a few chunks ahead: on two cores the analysis then
  // costs little more than the decoding.
  ChunkPipe pipe(*decoder);
  // A sliding buffer: frames start every kHop samples and span kWindow.
  std::vector<float> pending;
  std::vector<float> chunk;
  std::size_t decoded = 0;  // samples read
  int reports = 0;
  for (;;) {
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
      result.cancelled = true;
      return result;
    }
    if (!pipe.next(chunk)) break;
    decoded += chunk.size();
    pending.insert(pending.end(), chunk.begin(), chunk.end());
    std::size_t at = 0;
    while (at + kWindow <= pending.size()) {
      analyzer.analyse(pending.data() + at, f);
      at += kHop;
    }
    pending.erase(pending.begin(), pending.begin() + std::ptrdiff_t(at));
    double done = std::min(1.0, double(decoded) / AudioFeatures::kRate / expected);
    if (options.progress && int(done * 200) != reports) {
      reports = int(done * 200);
      if (!options.progress(done)) {
        result.cancelled = true;
        return result;
      }
    }
  }
  // The last partial window, padded with silence, so every sample belongs to a frame.
  if (!pending.empty()) {
    pending.resize(kWindow, 0.0f);
    analyzer.analyse(pending.data(), f);
  }
  f.duration = double(decoded) / AudioFeatures::kRate;
  f.noise_floor_db = detect_voice_activity(f.energy, f.speech);
  if (options.progress) options.progress(1.0);
  result.features = std::move(f);
  return result;
}

}  // namespace tingdu::media
