# Sourced by ./osmium: makes sure "$dist/osmium.aot", the JDK's ahead-of-time cache of Osmium's classes (loaded, parsed
# and linked) and of the training run's method profiles, is there and newer than the distribution. A training run
# makes it once after each build: it boots the guest of bin/aot-training.S, which runs every kind of instruction the
# interpreter loop handles. With the cache, start-up is about 0.5 s shorter, and the JIT's first compilation of the
# interpreter loop already expects every instruction (otherwise it is thrown away the first time a guest runs one that
# the early profile did not show).
osmium_aot_cache() {
  local cache="$dist/osmium.aot" failed="$dist/osmium.aot.failed"
  local made
  for made in "$cache" "$failed"; do # a cache, or a failed try, since the last build or change of flags: nothing to do
    if [ -f "$made" ] && [ "$made" -nt "$dist/osmium.jar" ] && [ "$made" -nt "$root/bin/aot-training-guest.sh" ] \
        && [ "$made" -nt "$root/osmium" ]; then
      return 0
    fi
  done
  local guest="$dist/aot-training.bin" log="$root/target/aot-training.log"
  mkdir -p "$root/target"
  sh "$root/bin/aot-training-guest.sh" >"$guest"
  rm -f "$cache" "$cache.new" "$failed"
  # The training run uses the flags of the real runs (the cache records them); its output is the guest's "o".
  if ! "$JAVA_HOME/bin/java" "${jvm_flags[@]}" -XX:AOTCacheOutput="$cache.new" -jar "$dist/osmium.jar" \
      -M virt -m 128M -nographic -bios none -kernel "$guest" </dev/null >"$log" 2>&1; then
    echo "osmium: the ahead-of-time cache was not made (log: target/aot-training.log); running without it" >&2
    touch "$failed"
    return 0
  fi
  mv -f "$cache.new" "$cache"
}
osmium_aot_cache
