/** @module @portcullis/cli */
export {};
