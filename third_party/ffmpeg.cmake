# FFmpeg's libraries (media/): demuxing, decoding, resampling, the tempo filter and the FFT.
# 5.1 is the first with AVChannelLayout (ch_layout) and AV_TX_FLOAT_RDFT, both used by media/.
# Target: tingdu::ffmpeg
include(${CMAKE_CURRENT_LIST_DIR}/pkg_dependency.cmake)
tingdu_pkg_dependency(tingdu::ffmpeg NAME "FFmpeg 5.1 or later"
  DEBIAN "libavformat-dev libavcodec-dev libavutil-dev libswresample-dev libavfilter-dev"
  MODULES libavformat>=59.27 libavcodec>=59.37 libavutil>=57.28 libswresample>=4.7 libavfilter>=8.44)
