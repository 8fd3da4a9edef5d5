/** @type {import("next").NextConfig} */
const nextConfig = {
  // A test fixture: Next.js need not write agent instructions into it.
  agentRules: false,
};

export default nextConfig;
