/** @module @portcullis/rules */
export {};
